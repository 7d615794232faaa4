namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>Rows of equal dimension in one dense row-major array, the input of every graph builder.</summary>
internal sealed class PointSet
{
    public PointSet(float[] values, int dimension)
    {
        if (dimension <= 0 || values.Length % dimension != 0)
            throw new ArgumentException($"{values.Length} values do not split into rows of {dimension}.", nameof(values));
        Values = values;
        Dimension = dimension;
        Count = values.Length / dimension;
    }

    /// <summary>The values, row after row.</summary>
    public float[] Values { get; }

    /// <summary>The number of values per row.</summary>
    public int Dimension { get; }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> this[int row] => Values.AsSpan(row * Dimension, Dimension);

    /// <summary>Each feature's smallest and largest value over the rows (infinities when there are no rows).</summary>
    public (float[] Minimum, float[] Maximum) FeatureRanges()
    {
        var minimum = new float[Dimension];
        var maximum = new float[Dimension];
        minimum.AsSpan().Fill(float.PositiveInfinity);
        maximum.AsSpan().Fill(float.NegativeInfinity);
        for (int i = 0; i < Count; i++)
        {
            var row = this[i];
            for (int f = 0; f < Dimension; f++)
            {
                minimum[f] = Math.Min(minimum[f], row[f]);
                maximum[f] = Math.Max(maximum[f], row[f]);
            }
        }
        return (minimum, maximum);
    }
}

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The standardization the network sees its input through: each feature's training mean and deviation (one mean and
/// deviation for all the pixels of an image, so that moving pixels keeps their meaning). A constant feature keeps
/// deviation 1. Part of the saved format.
/// </summary>
internal sealed class FeatureScaling
{
    public FeatureScaling(float[] mean, float[] deviation)
    {
        Mean = mean;
        Deviation = deviation;
    }

    public float[] Mean { get; }

    public float[] Deviation { get; }

    public int Dimension => Mean.Length;

    /// <summary>The scaling of <paramref name="rows"/> (row after row, <paramref name="dimension"/> values each).</summary>
    public static FeatureScaling Fit(float[] rows, int dimension, bool oneForAll)
    {
        int count = rows.Length / dimension;
        var sum = new double[dimension];
        var squares = new double[dimension];
        for (int r = 0; r < count; r++)
        {
            for (int j = 0; j < dimension; j++)
            {
                double v = rows[r * dimension + j];
                sum[j] += v;
                squares[j] += v * v;
            }
        }
        if (oneForAll)
        {
            double all = sum.Sum(), allSquares = squares.Sum();
            Array.Fill(sum, all / dimension);
            Array.Fill(squares, allSquares / dimension);
        }
        var mean = new float[dimension];
        var deviation = new float[dimension];
        for (int j = 0; j < dimension; j++)
        {
            double m = sum[j] / count;
            double variance = Math.Max(0, squares[j] / count - m * m);
            mean[j] = (float)m;
            deviation[j] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return new FeatureScaling(mean, deviation);
    }

    /// <summary>Writes the standardized <paramref name="source"/> into <paramref name="target"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> target)
    {
        for (int i = 0; i < source.Length; i++)
        {
            int j = i % Mean.Length;
            target[i] = (source[i] - Mean[j]) / Deviation[j];
        }
    }
}

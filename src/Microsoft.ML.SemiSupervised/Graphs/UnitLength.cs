namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Scales rows to unit Euclidean length, for cosine similarity: on unit rows <c>|x - y|^2 = 2 - 2 cos</c>, so the
/// Euclidean searches find the nearest rows by cosine. One rule for the fitted rows and for every new row (the norm
/// summed in double, each value divided by it), so that a fitted row scaled again is bit for bit the row the model
/// stores.
/// </summary>
internal static class UnitLength
{
    /// <summary>
    /// Writes <paramref name="values"/> divided by their Euclidean norm into <paramref name="scaled"/> (which may be
    /// the same memory); returns false, writing nothing, when every value is zero (a row with no direction).
    /// </summary>
    public static bool TryScale(ReadOnlySpan<float> values, Span<float> scaled)
    {
        double sum = 0;
        foreach (var v in values)
            sum += (double)v * v;
        if (!(sum > 0))
            return false;
        double norm = Math.Sqrt(sum);
        for (int e = 0; e < values.Length; e++)
            scaled[e] = (float)(values[e] / norm);
        return true;
    }

    /// <summary>
    /// Scales every row of <paramref name="points"/> to unit length, in place; returns how many rows are all zeros
    /// (left as they are) and the first of them (-1 when none).
    /// </summary>
    public static (int ZeroRows, int FirstZeroRow) ScaleRows(PointSet points)
    {
        int zeroRows = 0, first = -1;
        var values = points.Values;
        int dimension = points.Dimension;
        for (int i = 0; i < points.Count; i++)
        {
            var row = values.AsSpan((int)((long)i * dimension), dimension);
            if (!TryScale(row, row))
                (zeroRows, first) = (zeroRows + 1, first < 0 ? i : first);
        }
        return (zeroRows, first);
    }

    /// <summary>
    /// The rows of <paramref name="rows"/> scaled to unit length (the same slots, new values); how many rows have no
    /// non-zero value, and the first of them (-1 when none).
    /// </summary>
    public static (SparseRows Rows, int ZeroRows, int FirstZeroRow) ScaleRows(SparseRows rows)
    {
        var values = new float[rows.Values.Length];
        int zeroRows = 0, first = -1;
        for (int i = 0; i < rows.Count; i++)
        {
            int start = (int)rows.RowStarts[i];
            var source = rows.RowValues(i);
            if (!TryScale(source, values.AsSpan(start, source.Length)))
                (zeroRows, first) = (zeroRows + 1, first < 0 ? i : first);
        }
        return (new SparseRows(rows.RowStarts, rows.Indices, values, rows.Dimension), zeroRows, first);
    }
}

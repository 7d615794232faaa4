namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Keeps squared distances inside Single's range. A squared distance overflows Single (3.4e38) once differences reach
/// about 1.8e19 / sqrt(dimension); rows that large are searched multiplied by a power of two, which is exact (every
/// value keeps its bits, only the exponent moves), so the order of distances and hence the neighbours do not change.
/// The distances reported are the true ones, back in the rows' own scale (infinite where beyond Single).
/// </summary>
internal static class DistanceScale
{
    // The largest squared distance allowed while searching: 2^126, a factor 4 below Single's maximum.
    private const double Limit = 8.507059173023462e37;

    /// <summary>
    /// 1 when no squared distance between vectors of <paramref name="dimension"/> values of at most
    /// <paramref name="largestMagnitude"/> can overflow; otherwise the largest power of two that keeps them in range.
    /// </summary>
    public static float For(double largestMagnitude, int dimension)
    {
        double bound = 4 * largestMagnitude * largestMagnitude * dimension;
        if (bound <= Limit)
            return 1f;
        int exponent = Math.Max(1, (int)Math.Ceiling((Math.Log2(bound) - Math.Log2(Limit)) / 2));
        while (bound * Math.ScaleB(1, -2 * exponent) > Limit)
            exponent++;
        return (float)Math.ScaleB(1, -exponent);
    }

    /// <summary>The scale for the rows of <paramref name="points"/>.</summary>
    public static float For(PointSet points) => For(LargestMagnitude(points.Values), points.Dimension);

    /// <summary>The largest absolute value.</summary>
    public static float LargestMagnitude(ReadOnlySpan<float> values)
    {
        float largest = 0;
        foreach (var value in values)
            largest = Math.Max(largest, Math.Abs(value));
        return largest;
    }

    /// <summary>The rows multiplied by <paramref name="scale"/>.</summary>
    public static PointSet Apply(PointSet points, float scale)
    {
        var values = new float[points.Values.Length];
        for (long i = 0; i < values.LongLength; i++)
            values[i] = points.Values[i] * scale;
        return new PointSet(values, points.Dimension);
    }

    /// <summary>A squared distance between rows multiplied by <paramref name="scale"/>, in the rows' own scale.</summary>
    public static float Unscale(float squaredDistance, float scale) =>
        scale == 1f ? squaredDistance : (float)(squaredDistance / ((double)scale * scale));
}

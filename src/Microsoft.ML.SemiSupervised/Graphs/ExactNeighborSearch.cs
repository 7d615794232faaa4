namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Exact k-nearest-neighbour search by brute force: every pair of rows, SIMD distances, rows split over
/// all cores. Cost grows with the square of the row count; fine up to some tens of thousands of rows.
/// </summary>
internal static class ExactNeighborSearch
{
    /// <summary>The <paramref name="k"/> nearest other rows of every row of <paramref name="points"/>.</summary>
    public static NeighborLists Search(PointSet points, int k, CancellationToken cancellation = default)
    {
        int n = points.Count;
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        var parallel = new ParallelOptions { CancellationToken = cancellation };
        Parallel.For(0, n, parallel, i =>
        {
            var rowIndices = indices.AsSpan(i * k, k);
            var rowDistances = distances.AsSpan(i * k, k);
            TopK.Clear(rowIndices, rowDistances);
            var query = points[i];
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                    TopK.Offer(rowIndices, rowDistances, j, VectorMath.SquaredDistance(query, points[j]));
            }
        });
        return new NeighborLists(n, k, indices, distances);
    }

    /// <summary>
    /// The nearest rows of <paramref name="points"/> to one query vector, written nearest
    /// first into <paramref name="indices"/> and <paramref name="distances"/> (their length is the number wanted).
    /// </summary>
    public static void Query(PointSet points, ReadOnlySpan<float> query, Span<int> indices, Span<float> distances)
    {
        TopK.Clear(indices, distances);
        for (int j = 0; j < points.Count; j++)
            TopK.Offer(indices, distances, j, VectorMath.SquaredDistance(query, points[j]));
    }
}

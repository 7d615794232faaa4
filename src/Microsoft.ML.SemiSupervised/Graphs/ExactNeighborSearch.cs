using System.Numerics;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Exact k-nearest-neighbour search by brute force: every pair of rows, rows split over all cores. The rows are
/// stored transposed in blocks of one SIMD vector's width, so one query meets a whole block of rows with one
/// multiply-add per feature (<c>|x - y|^2 = |x|^2 + |y|^2 - 2 x.y</c>). Cost grows with the square of the row count;
/// fine up to some tens of thousands of rows.
/// </summary>
internal static class ExactNeighborSearch
{
    /// <summary>The <paramref name="k"/> nearest other rows of every row of <paramref name="points"/>.</summary>
    public static NeighborLists Search(PointSet points, int k, CancellationToken cancellation = default)
    {
        int n = points.Count;
        int d = points.Dimension;
        int width = Vector<float>.Count;
        int blockCount = (n + width - 1) / width;
        var blocks = new float[(long)blockCount * d * width];
        var norms = new float[(long)blockCount * width];
        norms.AsSpan(n).Fill(float.PositiveInfinity);
        for (int i = 0; i < n; i++)
        {
            var row = points[i];
            int block = i / width, lane = i % width;
            float norm = 0;
            for (int f = 0; f < d; f++)
            {
                blocks[((long)block * d + f) * width + lane] = row[f];
                norm += row[f] * row[f];
            }
            norms[i] = norm;
        }

        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        var parallel = new ParallelOptions { CancellationToken = cancellation };
        Parallel.For(0, n, parallel, i =>
        {
            var rowIndices = indices.AsSpan(i * k, k);
            var rowDistances = distances.AsSpan(i * k, k);
            TopK.Clear(rowIndices, rowDistances);
            var query = points[i];
            var queryNorm = new Vector<float>(norms[i]);
            Span<float> lanes = stackalloc float[width];
            var broadcast = new Vector<float>[d];
            for (int f = 0; f < d; f++)
                broadcast[f] = new Vector<float>(query[f]);
            var blockVectors = System.Runtime.InteropServices.MemoryMarshal.Cast<float, Vector<float>>(blocks.AsSpan());
            for (int block = 0; block < blockCount; block++)
            {
                var dot = Vector<float>.Zero;
                var blockValues = blockVectors.Slice(block * d, d);
                for (int f = 0; f < blockValues.Length; f++)
                    dot += broadcast[f] * blockValues[f];
                var squared = Vector.Max(queryNorm + new Vector<float>(norms.AsSpan(block * width, width)) - dot * 2, Vector<float>.Zero);
                if (!Vector.LessThanAny(squared, new Vector<float>(rowDistances[k - 1])))
                    continue;
                squared.CopyTo(lanes);
                for (int lane = 0; lane < width; lane++)
                {
                    int j = block * width + lane;
                    if (j != i && j < n)
                        TopK.Offer(rowIndices, rowDistances, j, lanes[lane]);
                }
            }
            // Report the distances of the neighbours found, computed directly (no cancellation error).
            for (int t = 0; t < k; t++)
                rowDistances[t] = VectorMath.SquaredDistance(query, points[rowIndices[t]]);
            rowDistances.Sort(rowIndices);
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

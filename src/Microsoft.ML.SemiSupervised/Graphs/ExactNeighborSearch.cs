using System.Numerics;
using System.Runtime.InteropServices;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Exact k-nearest-neighbour search by brute force: every pair of rows, rows split over all cores. The rows are
/// stored transposed in blocks of one SIMD vector's width, so one query meets a whole block of rows with one
/// subtraction and one multiply-add per feature. The distance is summed from the differences themselves, never as
/// <c>|x|^2 + |y|^2 - 2 x.y</c>, whose terms cancel when the rows share a large offset (GPS coordinates, timestamps):
/// a translation of the rows changes nothing. Cost grows with the square of the row count; fine up to some tens of
/// thousands of rows.
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
        float scale = DistanceScale.For(points);
        var blocks = new float[(long)blockCount * d * width];
        for (int i = 0; i < n; i++)
        {
            var row = points[i];
            int block = i / width, lane = i % width;
            for (int f = 0; f < d; f++)
                blocks[((long)block * d + f) * width + lane] = row[f] * scale;
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
            Span<float> lanes = stackalloc float[width];
            var broadcast = new Vector<float>[d];
            for (int f = 0; f < d; f++)
                broadcast[f] = new Vector<float>(query[f] * scale);
            var blockVectors = MemoryMarshal.Cast<float, Vector<float>>(blocks.AsSpan());
            for (int block = 0; block < blockCount; block++)
            {
                var squared = BlockDistances(broadcast, blockVectors.Slice(block * d, d));
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
            for (int t = 0; t < k; t++)
                rowDistances[t] = DistanceScale.Unscale(rowDistances[t], scale);
        });
        return new NeighborLists(n, k, indices, distances);
    }

    /// <summary>
    /// The squared distances from one query (each feature broadcast to a vector) to the rows of one block (one vector
    /// per feature, a row per lane). Two accumulators halve the chain of dependent additions.
    /// </summary>
    private static Vector<float> BlockDistances(ReadOnlySpan<Vector<float>> query, ReadOnlySpan<Vector<float>> block)
    {
        var even = Vector<float>.Zero;
        var odd = Vector<float>.Zero;
        int f = 0;
        for (; f + 1 < block.Length; f += 2)
        {
            var a = query[f] - block[f];
            var b = query[f + 1] - block[f + 1];
            even += a * a;
            odd += b * b;
        }
        if (f < block.Length)
        {
            var a = query[f] - block[f];
            even += a * a;
        }
        return even + odd;
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
        // A list slot left empty though rows remain means distances overflowed Single (an infinite distance enters no
        // list): search again with every row scaled by a power of two (rare: huge features), in the same order.
        int filled = Math.Min(indices.Length, points.Count);
        if (filled == 0 || indices[filled - 1] >= 0)
            return;
        float scale = DistanceScale.For(Math.Max(DistanceScale.LargestMagnitude(points.Values), DistanceScale.LargestMagnitude(query)), points.Dimension);
        if (scale == 1f)
            return;
        var scaledQuery = new float[query.Length];
        for (int f = 0; f < query.Length; f++)
            scaledQuery[f] = query[f] * scale;
        var row = new float[points.Dimension];
        TopK.Clear(indices, distances);
        for (int j = 0; j < points.Count; j++)
        {
            var stored = points[j];
            for (int f = 0; f < row.Length; f++)
                row[f] = stored[f] * scale;
            TopK.Offer(indices, distances, j, VectorMath.SquaredDistance(scaledQuery, row));
        }
        for (int t = 0; t < distances.Length; t++)
            distances[t] = DistanceScale.Unscale(distances[t], scale);
    }
}

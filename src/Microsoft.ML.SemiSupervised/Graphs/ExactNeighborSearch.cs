using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Exact k-nearest-neighbour search by brute force: every pair of rows, rows split over all cores. The rows are
/// stored transposed in blocks of one SIMD vector's width, and four query rows meet each block together, so every
/// block vector loaded from memory serves four queries (one subtraction and one multiply-add each per feature, four
/// independent sums). The distance is summed from the differences themselves, never as <c>|x|^2 + |y|^2 - 2 x.y</c>,
/// whose terms cancel when the rows share a large offset (GPS coordinates, timestamps): a translation of the rows
/// changes nothing. Cost grows with the square of the row count; fine up to some tens of thousands of rows.
/// </summary>
internal static class ExactNeighborSearch
{
    private const int QueriesPerPass = 4;

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
        int passCount = (n + QueriesPerPass - 1) / QueriesPerPass;
        Parallel.For(0, passCount, parallel, () => new Vector<float>[d * QueriesPerPass], (pass, _, queries) =>
        {
            int first = pass * QueriesPerPass;
            int count = Math.Min(QueriesPerPass, n - first);
            // Feature f of query q at f * 4 + q; a pass with fewer than four rows repeats its last one.
            for (int q = 0; q < QueriesPerPass; q++)
            {
                var query = points[first + Math.Min(q, count - 1)];
                for (int f = 0; f < d; f++)
                    queries[f * QueriesPerPass + q] = new Vector<float>(query[f] * scale);
            }
            for (int q = 0; q < count; q++)
                TopK.Clear(indices.AsSpan((first + q) * k, k), distances.AsSpan((first + q) * k, k));
            Span<float> lanes = stackalloc float[width];
            var blockVectors = MemoryMarshal.Cast<float, Vector<float>>(blocks.AsSpan());
            ref var query0 = ref MemoryMarshal.GetArrayDataReference(queries);
            Span<Vector<float>> sums = stackalloc Vector<float>[QueriesPerPass];
            for (int block = 0; block < blockCount; block++)
            {
                // The squared distances from the four queries to the block's rows, summed feature by feature.
                var values = blockVectors.Slice(block * d, d);
                var s0 = Vector<float>.Zero;
                var s1 = Vector<float>.Zero;
                var s2 = Vector<float>.Zero;
                var s3 = Vector<float>.Zero;
                for (int f = 0; f < values.Length; f++)
                {
                    var value = values[f];
                    ref var at = ref Unsafe.Add(ref query0, f * QueriesPerPass);
                    s0 = AddSquare(s0, at - value);
                    s1 = AddSquare(s1, Unsafe.Add(ref at, 1) - value);
                    s2 = AddSquare(s2, Unsafe.Add(ref at, 2) - value);
                    s3 = AddSquare(s3, Unsafe.Add(ref at, 3) - value);
                }
                sums[0] = s0;
                sums[1] = s1;
                sums[2] = s2;
                sums[3] = s3;
                for (int q = 0; q < count; q++)
                    Offer(first + q, sums[q], block, n, k, indices, distances, lanes);
            }
            for (int t = first * k; t < (first + count) * k; t++)
                distances[t] = DistanceScale.Unscale(distances[t], scale);
            return queries;
        }, _ => { });
        return new NeighborLists(n, k, indices, distances);
    }

    /// <summary><c>sum + difference^2</c>, fused into one instruction where the processor has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> AddSquare(Vector<float> sum, Vector<float> difference)
    {
        if (Fma.IsSupported && Vector<float>.Count == Vector256<float>.Count)
            return Fma.MultiplyAdd(difference.AsVector256(), difference.AsVector256(), sum.AsVector256()).AsVector();
        return sum + difference * difference;
    }

    /// <summary>Offers the rows of one block to row <paramref name="row"/>'s list, if any is nearer than its farthest.</summary>
    private static void Offer(int row, Vector<float> squared, int block, int n, int k, int[] indices, float[] distances, Span<float> lanes)
    {
        var rowIndices = indices.AsSpan(row * k, k);
        var rowDistances = distances.AsSpan(row * k, k);
        if (!Vector.LessThanAny(squared, new Vector<float>(rowDistances[k - 1])))
            return;
        squared.CopyTo(lanes);
        for (int lane = 0; lane < lanes.Length; lane++)
        {
            int j = block * lanes.Length + lane;
            if (j != row && j < n)
                TopK.Offer(rowIndices, rowDistances, j, lanes[lane]);
        }
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

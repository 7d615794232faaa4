using System.Numerics;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The exact neighbour search's kernel before issue 8 (commit b787f5d), kept only to measure the new kernel against:
/// squared distances as <c>|x|^2 + |y|^2 - 2 x.y</c> over SIMD blocks, which cancels when the rows share a large
/// offset, then the distances of the neighbours found recomputed directly. Do not use it for anything else.
/// </summary>
internal static class NormExpansionNeighborSearch
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
}

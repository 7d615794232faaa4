using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The first version of <see cref="NeighborGraphIndex"/>'s search, kept for the before/after comparison of
/// <see cref="IndexSearchRun"/>: the same best-first search, each link's row read when its distance is computed (no
/// prefetch), so the memory loads of one expansion follow one another.
/// </summary>
public static class NoPrefetchIndexSearch
{
    [ThreadStatic]
    private static SearchScratch? t_scratch;

    internal static void Search(NeighborGraphIndex index, ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int searchWidth)
    {
        int width = Math.Max(searchWidth, indices.Length);
        var scratch = t_scratch ??= new SearchScratch();
        scratch.Start(width);
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var poolIndices = scratch.PoolIndices.AsSpan(0, width);
        var poolDistances = scratch.PoolDistances.AsSpan(0, width);
        TopK.Clear(poolIndices, poolDistances);
        var points = index.Points;
        foreach (int row in index.Tree.Leaf(points, query))
        {
            visited.Add(row);
            float distance = VectorMath.SquaredDistance(query, points[row]);
            if (TopK.Offer(poolIndices, poolDistances, row, distance))
                candidates.Push(distance, row);
        }
        while (candidates.TryPop(out float nearest, out int row))
        {
            if (nearest > poolDistances[width - 1])
                break;
            foreach (int next in index.Links.AsSpan(row * index.Degree, index.Degree))
            {
                if (next < 0)
                    break;
                if (!visited.Add(next))
                    continue;
                float distance = VectorMath.SquaredDistance(query, points[next]);
                if (TopK.Offer(poolIndices, poolDistances, next, distance))
                    candidates.Push(distance, next);
            }
        }
        poolIndices[..indices.Length].CopyTo(indices);
        poolDistances[..indices.Length].CopyTo(distances);
    }
}

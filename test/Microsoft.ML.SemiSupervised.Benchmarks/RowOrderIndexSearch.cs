using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// <see cref="NeighborGraphIndex"/>'s search as it was at commit cf6d97f, kept for the before/after comparison of
/// <see cref="IndexSearchRun"/>: the same best-first search with prefetch, over the stored rows and links in the rows'
/// own order (the index now searches a copy in the order of its tree's leaves). (The search before prefetch, compared
/// at commit be6c39f, is in git history as NoPrefetchIndexSearch.cs.)
/// </summary>
internal sealed class RowOrderIndexSearch
{
    [ThreadStatic]
    private static SearchScratch? t_scratch;

    private readonly NeighborGraphIndex _index;
    private readonly int[] _links;

    /// <summary>The number of rows the calling thread's last search computed a distance to.</summary>
    public static int LastVisitedCount => t_scratch?.Visited.Count ?? 0;

    public RowOrderIndexSearch(NeighborGraphIndex index)
    {
        _index = index;
        _links = index.LinksByRow();
    }

    public void Search(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int searchWidth)
    {
        int width = Math.Max(searchWidth, indices.Length);
        int degree = _index.Degree;
        var scratch = t_scratch ??= new SearchScratch();
        scratch.Start(width);
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var poolIndices = scratch.PoolIndices.AsSpan(0, width);
        var poolDistances = scratch.PoolDistances.AsSpan(0, width);
        TopK.Clear(poolIndices, poolDistances);
        var points = _index.Points;
        foreach (int row in _index.Tree.Leaf(points, query))
        {
            visited.Add(row);
            float distance = VectorMath.SquaredDistance(query, points[row]);
            if (TopK.Offer(poolIndices, poolDistances, row, distance))
                candidates.Push(distance, row);
        }
        int dimension = points.Dimension;
        Span<int> fresh = stackalloc int[degree];
        while (candidates.TryPop(out float nearest, out int row))
        {
            if (nearest > poolDistances[width - 1])
                break;
            int freshCount = 0;
            foreach (int next in _links.AsSpan(row * degree, degree))
            {
                if (next < 0)
                    break;
                if (!visited.Add(next))
                    continue;
                fresh[freshCount++] = next;
                VectorMath.Prefetch(points.Values, next * dimension, dimension);
            }
            foreach (int next in fresh[..freshCount])
            {
                float distance = VectorMath.SquaredDistance(query, points[next]);
                if (TopK.Offer(poolIndices, poolDistances, next, distance))
                    candidates.Push(distance, next);
            }
        }
        poolIndices[..indices.Length].CopyTo(indices);
        poolDistances[..indices.Length].CopyTo(distances);
    }
}

using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// <see cref="NeighborGraphIndex"/>'s search as it was at commit 8d1306f, kept for the before/after comparison of
/// <see cref="IndexSearchRun"/>: the best-first walk over an 8-bit copy of the rows in the tree's leaf order, following
/// the diversified links, prefetching the rows of a row's unseen links and the links of the row at the top of the heap,
/// then every row of the width re-ranked by exact float distances. The same index's links and tree, its own copies.
/// </summary>
internal sealed class CompactRowsIndexSearch
{
    [ThreadStatic]
    private static HashedSearchScratch? t_scratch;

    private readonly NeighborGraphIndex _index;
    private readonly PointSet _sortedPoints;
    private readonly CompactRows _compact;
    private readonly int[] _sortedLinks;
    private readonly int[] _rowAt;

    public CompactRowsIndexSearch(NeighborGraphIndex index)
    {
        _index = index;
        var points = index.Points;
        int n = points.Count, d = points.Dimension, degree = index.Degree;
        _rowAt = index.Tree.LeafRows.ToArray();
        var positionOf = new int[n];
        for (int p = 0; p < n; p++)
            positionOf[_rowAt[p]] = p;
        var links = index.SearchLinksByRow();
        var values = LargePages.Allocate<float>((long)n * d);
        _sortedLinks = LargePages.Allocate<int>((long)n * degree);
        Parallel.For(0, n, p =>
        {
            int row = _rowAt[p];
            points[row].CopyTo(values.AsSpan(p * d, d));
            for (int t = 0; t < degree; t++)
            {
                int link = links[(long)row * degree + t];
                _sortedLinks[(long)p * degree + t] = link < 0 ? -1 : positionOf[link];
            }
        });
        _sortedPoints = new PointSet(values, d);
        _compact = CompactRows.Create(_sortedPoints) ?? throw new InvalidOperationException("The rows' range overflows Single.");
    }

    /// <summary>Its copies, for the experiments that share them.</summary>
    internal (PointSet SortedPoints, CompactRows Compact, int[] SortedLinks, int[] RowAt) Parts => (_sortedPoints, _compact, _sortedLinks, _rowAt);

    /// <summary>The number of rows the calling thread's last search computed a distance to.</summary>
    public static int LastVisitedCount => t_scratch?.Visited.Count ?? 0;

    public void Search(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int searchWidth)
    {
        int wanted = indices.Length;
        int width = Math.Max(searchWidth, wanted);
        int degree = _index.Degree;
        var scratch = t_scratch ??= new HashedSearchScratch();
        scratch.Start(width);
        var compact = _compact;
        var prepared = scratch.Query(compact.QueryLength);
        compact.PrepareQuery(query, prepared);
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var poolIndices = scratch.PoolIndices.AsSpan(0, width);
        var poolDistances = scratch.PoolDistances.AsSpan(0, width);
        TopK.Clear(poolIndices, poolDistances);
        var searchLinks = _sortedLinks;
        var (leafStart, leafLength) = _index.Tree.LeafRange(_index.Points, query);
        for (int position = leafStart; position < leafStart + leafLength; position++)
        {
            visited.Add(position);
            float distance = compact.SquaredDistance(prepared, position);
            if (FloatRowsIndexSearch.Offer(poolIndices, poolDistances, position, distance))
                candidates.Push(distance, position);
        }
        Span<int> fresh = stackalloc int[degree];
        while (candidates.TryPop(out float nearest, out int at))
        {
            if (nearest > poolDistances[width - 1])
                break;
            int following = candidates.PeekRow();
            if (following >= 0)
                VectorMath.Prefetch(searchLinks, following * degree, degree);
            int freshCount = 0;
            foreach (int next in searchLinks.AsSpan(at * degree, degree))
            {
                if (next < 0)
                    break;
                if (!visited.Add(next))
                    continue;
                fresh[freshCount++] = next;
                compact.Prefetch(next);
            }
            foreach (int next in fresh[..freshCount])
            {
                float distance = compact.SquaredDistance(prepared, next);
                if (FloatRowsIndexSearch.Offer(poolIndices, poolDistances, next, distance))
                    candidates.Push(distance, next);
            }
        }
        TopK.Clear(indices, distances);
        foreach (int position in poolIndices)
        {
            if (position < 0)
                break;
            TopK.Offer(indices, distances, position, VectorMath.SquaredDistance(query, _sortedPoints[position]));
        }
        for (int t = 0; t < wanted; t++)
            indices[t] = indices[t] < 0 ? -1 : _rowAt[indices[t]];
    }
}

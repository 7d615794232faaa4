using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// <see cref="NeighborGraphIndex"/>'s search as it was at commit b01ca8d, kept for the before/after comparison of
/// <see cref="IndexSearchRun"/>: the best-first search with prefetch over a copy of the rows and links in the tree's
/// leaf order, following the stored links themselves (the index now follows a diversified copy of them, in arrays
/// offered 2 MB pages, and inserts into its list of nearest rows by block copy). (The search in the rows' own order is
/// <see cref="RowOrderIndexSearch"/>.)
/// </summary>
internal sealed class LeafOrderIndexSearch
{
    [ThreadStatic]
    private static HashedSearchScratch? t_scratch;

    private readonly NeighborGraphIndex _index;
    private readonly PointSet _sortedPoints;
    private readonly int[] _sortedLinks;
    private readonly int[] _rowAt;

    public LeafOrderIndexSearch(NeighborGraphIndex index)
    {
        _index = index;
        var points = index.Points;
        int n = points.Count, d = points.Dimension, degree = index.Degree;
        _rowAt = index.Tree.LeafRows.ToArray();
        var positionOf = new int[n];
        for (int p = 0; p < n; p++)
            positionOf[_rowAt[p]] = p;
        var links = index.LinksByRow();
        var values = new float[(long)n * d];
        _sortedLinks = new int[(long)n * degree];
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
    }

    public void Search(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int searchWidth)
    {
        int width = Math.Max(searchWidth, indices.Length);
        int degree = _index.Degree;
        var scratch = t_scratch ??= new HashedSearchScratch();
        scratch.Start(width);
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var poolIndices = scratch.PoolIndices.AsSpan(0, width);
        var poolDistances = scratch.PoolDistances.AsSpan(0, width);
        TopK.Clear(poolIndices, poolDistances);
        var points = _sortedPoints;
        var (leafStart, leafLength) = _index.Tree.LeafRange(_index.Points, query);
        for (int position = leafStart; position < leafStart + leafLength; position++)
        {
            visited.Add(position);
            float distance = VectorMath.SquaredDistance(query, points[position]);
            if (TopK.Offer(poolIndices, poolDistances, position, distance))
                candidates.Push(distance, position);
        }
        int dimension = points.Dimension;
        Span<int> fresh = stackalloc int[degree];
        while (candidates.TryPop(out float nearest, out int at))
        {
            if (nearest > poolDistances[width - 1])
                break;
            int freshCount = 0;
            foreach (int next in _sortedLinks.AsSpan(at * degree, degree))
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
        int wanted = indices.Length;
        for (int t = 0; t < wanted; t++)
            indices[t] = poolIndices[t] < 0 ? -1 : _rowAt[poolIndices[t]];
        poolDistances[..wanted].CopyTo(distances);
    }

    /// <summary>The number of rows the calling thread's last search computed a distance to.</summary>
    public static int LastVisitedCount => t_scratch?.Visited.Count ?? 0;
}

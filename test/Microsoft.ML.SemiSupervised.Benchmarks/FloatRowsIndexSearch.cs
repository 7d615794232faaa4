using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// <see cref="NeighborGraphIndex"/>'s search as it was at commit bdf6a4f, kept for the before/after comparison of
/// <see cref="IndexSearchRun"/>: the best-first search with prefetch over the float rows in the tree's leaf order,
/// following the diversified links, its list of nearest rows kept by binary search and block copy (the index now walks
/// an 8-bit copy of the rows and re-ranks its nearest by exact distances). The same index's links and tree, its own
/// copy of the rows and links in leaf order.
/// </summary>
internal sealed class FloatRowsIndexSearch
{
    [ThreadStatic]
    private static HashedSearchScratch? t_scratch;

    private readonly NeighborGraphIndex _index;
    private readonly PointSet _sortedPoints;
    private readonly int[] _sortedLinks;
    private readonly int[] _rowAt;

    public FloatRowsIndexSearch(NeighborGraphIndex index)
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
    }

    /// <summary>The number of rows the calling thread's last search computed a distance to.</summary>
    public static int LastVisitedCount => t_scratch?.Visited.Count ?? 0;

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
            if (Offer(poolIndices, poolDistances, position, distance))
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
                if (Offer(poolIndices, poolDistances, next, distance))
                    candidates.Push(distance, next);
            }
        }
        int wanted = indices.Length;
        for (int t = 0; t < wanted; t++)
            indices[t] = poolIndices[t] < 0 ? -1 : _rowAt[poolIndices[t]];
        poolDistances[..wanted].CopyTo(distances);
    }

    /// <summary>
    /// The frozen searches' insert into a sorted list (binary search, block copy; equal distances keep the earlier
    /// candidate first): shared by this search, <see cref="CompactRowsIndexSearch"/> and <see cref="IndexSearchExperiment"/>.
    /// </summary>
    internal static bool Offer(Span<int> indices, Span<float> distances, int candidate, float distance)
    {
        int last = indices.Length - 1;
        if (distance >= distances[last])
            return false;
        int low = 0, high = last;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (distances[middle] > distance)
                high = middle;
            else
                low = middle + 1;
        }
        distances[low..last].CopyTo(distances[(low + 1)..]);
        indices[low..last].CopyTo(indices[(low + 1)..]);
        distances[low] = distance;
        indices[low] = candidate;
        return true;
    }
}

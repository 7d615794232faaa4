namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// What a <see cref="NeighborGraphIndex"/>'s search reads, made once per index at its first search (whichever thread
/// asks first) from the stored links and rows: the rows in the order of the tree's leaves (<see cref="RowAt"/>), the
/// links the search follows in that order (<see cref="SearchLinks"/>, diversified: see the index's remarks), an 8-bit
/// copy of the rows in that order (<see cref="Compact"/>) and the tree's splits copied for the descent
/// (<see cref="Descent"/>). Positions (places in leaf order) throughout; row numbers only through <see cref="RowAt"/>.
/// A float copy of the rows in leaf order is made for the diversifying pass and dropped after it: the search's
/// re-ranking reads the stored rows themselves (a few rows a query, at random either way).
/// </summary>
internal sealed class IndexLayout
{
    private IndexLayout(int[] rowAt, int[] searchLinks, CompactRows? compact, TreeDescent? descent)
    {
        RowAt = rowAt;
        SearchLinks = searchLinks;
        Compact = compact;
        Descent = descent;
    }

    /// <summary>The row at each position (the tree's leaf rows in order).</summary>
    public int[] RowAt { get; }

    /// <summary>Position p's links at <c>p * degree</c>, as positions (unused slots -1).</summary>
    public int[] SearchLinks { get; }

    /// <summary>The rows in 8 bits by position; null when a feature's range is not a finite Single (exact search then).</summary>
    public CompactRows? Compact { get; }

    /// <summary>The tree's descent on its copied splits; null when they would not fit one array (the tree's own then).</summary>
    public TreeDescent? Descent { get; }

    /// <summary>
    /// The layout of an index over <paramref name="points"/> whose row i's stored links are at <c>i * degree</c> of
    /// <paramref name="links"/> (row numbers, unused slots -1); with <paramref name="diversify"/> false the search
    /// follows the stored links themselves.
    /// </summary>
    public static IndexLayout Create(PointSet points, int[] links, int degree, SearchTree tree, bool diversify)
    {
        int n = points.Count, d = points.Dimension;
        var rowAt = tree.LeafRows.ToArray();
        var positionOf = new int[n];
        for (int p = 0; p < n; p++)
            positionOf[rowAt[p]] = p;
        var values = new float[(long)n * d];
        var sortedLinks = LargePages.Allocate<int>((long)n * degree);
        Parallel.For(0, n, p =>
        {
            int row = rowAt[p];
            points[row].CopyTo(values.AsSpan(p * d, d));
            for (int t = 0; t < degree; t++)
            {
                int link = links[(long)row * degree + t];
                sortedLinks[(long)p * degree + t] = link < 0 ? -1 : positionOf[link];
            }
        });
        var sortedPoints = new PointSet(values, d);
        var compact = CompactRows.Create(sortedPoints);
        Func<int, int, float> distance = compact is null
            ? (a, b) => VectorMath.SquaredDistance(sortedPoints[a], sortedPoints[b])
            : compact.SquaredDistanceBetween; // the walk's own distances, on 20 MB instead of 80 at 1M x 20
        var searchLinks = diversify ? Diversify(n, sortedLinks, degree, distance) : sortedLinks;
        return new IndexLayout(rowAt, searchLinks, compact, TreeDescent.Create(tree, points));
    }

    /// <summary>
    /// The links the search follows (see the index's remarks): of each position's links, nearest first, those not
    /// nearer to a link kept before them than to the position; then, position after position, each kept link also in
    /// reverse while the far position has fewer than <paramref name="degree"/> links. The same links give the same
    /// result on any number of cores.
    /// </summary>
    private static int[] Diversify(int n, int[] links, int degree, Func<int, int, float> squaredDistance)
    {
        var kept = LargePages.Allocate<int>((long)n * degree);
        var counts = new int[n];
        Parallel.For(0, n, p =>
        {
            var own = kept.AsSpan(p * degree, degree);
            own.Fill(-1);
            int count = 0;
            foreach (int candidate in links.AsSpan(p * degree, degree))
            {
                if (candidate < 0)
                    break;
                float distance = squaredDistance(p, candidate);
                bool covered = false;
                foreach (int k in own[..count])
                {
                    if (squaredDistance(k, candidate) < distance)
                    {
                        covered = true;
                        break;
                    }
                }
                if (!covered)
                    own[count++] = candidate;
            }
            counts[p] = count;
        });
        var forwardCounts = (int[])counts.Clone();
        for (int p = 0; p < n; p++)
        {
            for (int t = 0; t < forwardCounts[p]; t++)
            {
                int far = kept[p * degree + t];
                if (counts[far] < degree && !kept.AsSpan(far * degree, counts[far]).Contains(p))
                    kept[far * degree + counts[far]++] = p;
            }
        }
        return kept;
    }
}

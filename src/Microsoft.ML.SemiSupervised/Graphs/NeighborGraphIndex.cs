using System.Runtime.CompilerServices;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// An index over stored rows for nearest-neighbour queries: the neighbour graph the fit's NN-descent found, each row
/// also linked to the rows that list it (so outliers are reachable) up to <see cref="Degree"/> links, nearest first,
/// and a <see cref="SearchTree"/> whose leaf gives each query its starting rows. A query is a best-first search over the
/// graph (as one layer of HNSW, Malkov and Yashunin 2018, or PyNNDescent's query): it keeps the
/// <see cref="SearchWidth"/> nearest rows seen, expands the nearest unexpanded one, and stops when no unexpanded row is
/// nearer than the farthest kept. About a thousand distances a query instead of one per stored row; the same query
/// always visits the same rows in the same order, so results are deterministic.
/// </summary>
/// <remarks>
/// Nothing of it is made before it is needed: <see cref="Build(PointSet, NeighborLists, SearchTree?, int, CancellationToken)"/>
/// keeps the fit's neighbour lists and tree, the stored links are gathered from the lists at the first search or save,
/// and what the search reads (<see cref="IndexLayout"/>) is made at the first search, each once per index whichever
/// thread asks first (also for an index read from a saved model). A fit whose model only labels its own rows pays for
/// none of it (3.35 s of a 1M-row fit's 40.89 s, docs/benchmarks.md).
/// The search reads copies in the order of the tree's leaves (as PyNNDescent and HNSW implementations reorder their
/// graphs): a row's links then mostly point at rows close in memory, so a query touches fewer cache lines and pages;
/// the saved form stays in the stored rows' numbering (the tree's leaf order is saved with it, so the copies are remade
/// at load). The search follows a diversified copy of the links (HNSW's neighbour selection heuristic, as PyNNDescent
/// prepares its graph for queries): a row keeps a link only when no link it kept already is nearer to that row than the
/// row itself, then every kept link is also made in reverse while the far row has room. The copy is made from the
/// stored links, which stay as they are (the saved form does not change); it finds the same share of neighbours with
/// fewer distances. It is offered 2 MB pages (<see cref="LargePages"/>): the search reads it at random.
/// The walk measures distances on an 8-bit copy of the rows in leaf order (<see cref="CompactRows"/>, <c>dimension</c>
/// bytes a row: 20 MB at a million rows of 20 features, which the processor's cache can hold, against 80 MB of floats);
/// its nearest rows (<see cref="RerankCount"/> of them) are then re-ranked by exact distances on the stored rows, so the
/// answer's neighbours and distances are exact ones (the 8-bit distances only steer the walk). While it measures a
/// row's links, it asks for the links of the row it will likely expand next. It keeps the rows visited as one bit a
/// stored row and its nearest rows as sorted distance-and-row keys (<see cref="SearchScratch"/>), and descends the tree
/// on a copy of its splits (<see cref="TreeDescent"/>).
/// </remarks>
internal sealed class NeighborGraphIndex
{
    /// <summary>The most links of a row in the search graph.</summary>
    public const int MaximumDegree = 24;

    /// <summary>The most rows of a leaf of the search tree.</summary>
    public const int LeafSize = 32;

    /// <summary>
    /// The number of nearest rows a query keeps while searching an index over up to 100,000 rows (at least the number
    /// wanted); larger indexes search wider, see <see cref="SearchWidthFor"/>.
    /// </summary>
    public const int SearchWidth = 48;

    [ThreadStatic]
    private static SearchScratch? t_scratch;

    /// <summary>The number of rows the calling thread's last search computed a distance to.</summary>
    public static int LastVisitedCount => t_scratch?.Visited.Count ?? 0;

    private readonly Lazy<int[]> _links; // row i's stored links at i * Degree, row numbers: gathered from the fit's lists at the first use, or as read
    private readonly Lazy<IndexLayout> _layout; // what the search reads; made at the first search
    private int _layoutsMade;

    private NeighborGraphIndex(PointSet points, int degree, Func<int[]> links, SearchTree tree, bool diversify = true)
    {
        Points = points;
        Degree = degree;
        Tree = tree;
        _links = new Lazy<int[]>(links, LazyThreadSafetyMode.ExecutionAndPublication);
        _layout = new Lazy<IndexLayout>(() =>
        {
            Interlocked.Increment(ref _layoutsMade);
            return IndexLayout.Create(points, _links.Value, degree, tree, diversify);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// How many times this index has made what its search reads (<see cref="IndexLayout"/>): 0 before its first search,
    /// then 1 however many threads searched first at once (for tests).
    /// </summary>
    internal int LayoutsMade => Volatile.Read(ref _layoutsMade);

    /// <summary>Whether the stored links have been gathered (at the first search, save or <see cref="LinksByRow"/>; at once when read).</summary>
    internal bool LinksGathered => _links.IsValueCreated;

    /// <summary>The average number of links a row's search follows (after diversifying).</summary>
    public double SearchLinksPerRow => _layout.Value.SearchLinks.Count(link => link >= 0) / (double)Math.Max(1, Points.Count);

    /// <summary>The bytes of the 8-bit copy of the rows the search walks on (made at the first search, or by this call).</summary>
    public long CompactRowBytes => _layout.Value.Compact?.Bytes ?? 0;

    /// <summary>The stored rows.</summary>
    public PointSet Points { get; }

    /// <summary>The number of link slots per row (unused slots hold -1).</summary>
    public int Degree { get; }

    /// <summary>Row i's links at <c>i * Degree</c>, nearest first (unused slots -1), in the stored rows' numbering (a copy).</summary>
    public int[] LinksByRow() => (int[])_links.Value.Clone();

    /// <summary>
    /// The links the search follows (diversified, see the remarks), row i's at <c>i * Degree</c> (unused slots -1), in
    /// the stored rows' numbering (made on each call).
    /// </summary>
    public int[] SearchLinksByRow()
    {
        var layout = _layout.Value;
        var rowAt = layout.RowAt;
        var links = new int[layout.SearchLinks.Length];
        Parallel.For(0, rowAt.Length, p =>
        {
            int row = rowAt[p];
            for (int t = 0; t < Degree; t++)
            {
                int link = layout.SearchLinks[(long)p * Degree + t];
                links[(long)row * Degree + t] = link < 0 ? -1 : rowAt[link];
            }
        });
        return links;
    }

    /// <summary>The tree whose leaves start the searches.</summary>
    public SearchTree Tree { get; }

    /// <summary>
    /// The index over <paramref name="points"/> from their neighbour lists (nearest first, in the points' row numbers):
    /// each row keeps its <see cref="MaximumDegree"/> nearest among the rows it lists and the rows that list it; and
    /// <paramref name="tree"/> (the one NN-descent ordered the rows with) or, when null, a new tree built with <paramref name="seed"/>.
    /// Returns at once: the index keeps <paramref name="lists"/> (which must not change) and gathers the links from them
    /// at its first search or save.
    /// </summary>
    public static NeighborGraphIndex Build(PointSet points, NeighborLists lists, SearchTree? tree, int seed, CancellationToken cancellation = default) =>
        Build(points, lists, tree, seed, diversify: true, cancellation);

    /// <summary>
    /// As <see cref="Build(PointSet, NeighborLists, SearchTree?, int, CancellationToken)"/>; with <paramref name="diversify"/>
    /// false the search follows the stored links themselves (the search before diversifying, kept for comparison).
    /// </summary>
    internal static NeighborGraphIndex Build(PointSet points, NeighborLists lists, SearchTree? tree, int seed, bool diversify, CancellationToken cancellation = default)
    {
        int n = points.Count;
        int degree = Math.Min(MaximumDegree, Math.Max(n - 1, 1));
        cancellation.ThrowIfCancellationRequested();
        return new NeighborGraphIndex(points, degree, () => GatherLinks(lists, n, degree), tree ?? SearchTree.Build(points, LeafSize, seed), diversify);
    }

    /// <summary>
    /// Each row's <paramref name="degree"/> nearest among the rows it lists and the rows that list it, nearest first
    /// (row i's at <c>i * degree</c>, unused slots -1): the stored links, gathered from the fit's lists at the index's
    /// first use (its first search or save), so a fit whose model never meets a new row nor a save does not pay for them.
    /// </summary>
    private static int[] GatherLinks(NeighborLists lists, int n, int degree)
    {
        int k = lists.K;
        var links = new int[(long)n * degree];
        var distances = new float[(long)n * degree];
        // Each part of the rows collects the links into its rows, in the order of the lists: the same for any thread count.
        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 4096));
        Parallel.For(0, parts, part =>
        {
            int first = (int)((long)n * part / parts), end = (int)((long)n * (part + 1) / parts);
            for (int i = first; i < end; i++)
                TopK.Clear(links.AsSpan(i * degree, degree), distances.AsSpan(i * degree, degree));
            for (int i = 0; i < n; i++)
            {
                for (int t = 0; t < k; t++)
                {
                    int j = lists.Indices[(long)i * k + t];
                    float distance = lists.SquaredDistances[(long)i * k + t];
                    if (j < 0 || j == i)
                        continue;
                    if (i >= first && i < end)
                        Link(links, distances, degree, i, j, distance);
                    if (j >= first && j < end)
                        Link(links, distances, degree, j, i, distance);
                }
            }
        });
        return links;
    }

    /// <summary>An index from saved parts (see <see cref="ToIntegers"/>); null when they do not describe one over <paramref name="points"/>.</summary>
    public static NeighborGraphIndex? FromIntegers(PointSet points, ReadOnlySpan<int> values)
    {
        int n = points.Count;
        if (values.Length < 1)
            return null;
        int degree = values[0];
        if (degree < 1 || degree > MaximumDegree || 1 + (long)n * degree > values.Length)
            return null;
        var links = values.Slice(1, n * degree).ToArray();
        foreach (var link in links)
        {
            if (link < -1 || link >= n)
                return null;
        }
        var tree = SearchTree.FromIntegers(values[(1 + n * degree)..], n, out int treeLength);
        if (tree is null || 1 + n * degree + treeLength != values.Length)
            return null;
        return new NeighborGraphIndex(points, degree, () => links, tree);
    }

    /// <summary>The index as integers: the degree, the links, then the tree (<see cref="SearchTree.ToIntegers"/>).</summary>
    public int[] ToIntegers()
    {
        var tree = Tree.ToIntegers();
        var links = _links.Value;
        var values = new int[1 + links.Length + tree.Length];
        values[0] = Degree;
        links.CopyTo(values, 1);
        tree.CopyTo(values, 1 + links.Length);
        return values;
    }

    /// <summary>
    /// The approximate nearest stored rows to <paramref name="query"/>, nearest first, into <paramref name="indices"/>
    /// and <paramref name="distances"/> (their length is the number wanted). Falls back to exact search when the
    /// distances overflow Single (huge features), which the exact search handles by scaling.
    /// </summary>
    public void Search(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances) =>
        Search(query, indices, distances, SearchWidthFor(Points.Count));

    /// <summary>
    /// The search width for an index over <paramref name="rowCount"/> rows: <see cref="SearchWidth"/> up to 100,000
    /// rows, then one more <see cref="SearchWidth"/> per tenfold (96 at 1,000,000): the graph's paths get longer with
    /// the rows, and on the benchmarks' 20-dimensional blobs width 48 finds 95.6 % of the 10 nearest at 100,000 rows
    /// but 87 % at 1,000,000 (docs/benchmarks.md).
    /// </summary>
    public static int SearchWidthFor(int rowCount) =>
        (int)Math.Round(SearchWidth * (1 + Math.Max(0, Math.Log10(rowCount / 100_000.0))));

    /// <summary>As <see cref="Search(ReadOnlySpan{float}, Span{int}, Span{float})"/>, keeping <paramref name="searchWidth"/> rows while searching.</summary>
    public void Search(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int searchWidth) =>
        Search(query, indices, distances, searchWidth, RerankCount(indices.Length, searchWidth));

    /// <summary>
    /// The number of the search's nearest rows (by the 8-bit copy's distances) that are re-ranked by exact distances
    /// for a query wanting <paramref name="wanted"/> rows with search width <paramref name="searchWidth"/>: twice the
    /// number wanted, at least 16, at most the width. On the benchmarks' 1M rows (width 96, 10 wanted) re-ranking 16,
    /// 24 or all 96 finds the same 95.92 % of the exact neighbours, 12 finds 95.66 % and 10 finds 92.94 %
    /// (docs/benchmarks.md): the copy's rounding moves a true neighbour only a few places down the list.
    /// </summary>
    public static int RerankCount(int wanted, int searchWidth) => Math.Max(wanted, Math.Min(searchWidth, Math.Max(2 * wanted, 16)));

    /// <summary>
    /// As <see cref="Search(ReadOnlySpan{float}, Span{int}, Span{float}, int)"/>, re-ranking the <paramref name="rerank"/>
    /// nearest rows the walk over the 8-bit copy found (at least the number wanted, at most the width) by exact distances.
    /// </summary>
    internal void Search(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int searchWidth, int rerank)
    {
        int wanted = indices.Length;
        int width = Math.Max(searchWidth, wanted);
        var layout = _layout.Value;
        var compact = layout.Compact;
        if (compact is null)
        {
            ExactNeighborSearch.Query(Points, query, indices, distances); // features whose range overflows Single
            return;
        }
        var scratch = t_scratch ??= new SearchScratch();
        scratch.Start(width, Points.Count);
        var prepared = scratch.Query(compact.QueryLength);
        compact.PrepareQuery(query, prepared);
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var pool = scratch.Pool.AsSpan(0, width); // keys (SearchScratch.Key), nearest first
        pool.Fill(ulong.MaxValue);
        // Positions in the leaf-ordered copies throughout; row numbers only in the answer. The walk measures on the
        // 8-bit copy; its nearest rows are re-ranked by exact distances on the stored rows at the end.
        var searchLinks = layout.SearchLinks;
        var rowAt = layout.RowAt;
        var descent = layout.Descent;
        var (leafStart, leafLength) = descent is null ? Tree.LeafRange(Points, query) : descent.LeafRange(query);
        for (int position = leafStart; position < leafStart + leafLength; position++)
        {
            visited.Add(position);
            float distance = compact.SquaredDistance(prepared, position);
            if (Offer(pool, SearchScratch.Key(distance, position)))
                candidates.Push(distance, position);
        }
        Span<int> fresh = stackalloc int[Degree];
        while (candidates.TryPop(out float nearest, out int at))
        {
            if (nearest > SearchScratch.DistanceOf(pool[width - 1]))
                break;
            // The links of the row likely expanded next, requested now: they arrive while this row's links are measured.
            int following = candidates.PeekRow();
            if (following >= 0)
                VectorMath.Prefetch(searchLinks, following * Degree, Degree);
            // First the links not seen yet, each row's memory requested at once (the loads overlap), then their distances.
            int freshCount = 0;
            foreach (int next in searchLinks.AsSpan(at * Degree, Degree))
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
                if (Offer(pool, SearchScratch.Key(distance, next)))
                    candidates.Push(distance, next);
            }
        }
        // The nearest by the copy re-ranked by exact distances: the answer's rows and distances are exact, whatever the
        // copy's rounding. Their stored rows are requested together first (random reads either way).
        TopK.Clear(indices, distances);
        var nearestKeys = pool[..Math.Clamp(rerank, wanted, width)];
        int dimension = Points.Dimension;
        foreach (ulong key in nearestKeys)
        {
            if (key == ulong.MaxValue)
                break;
            VectorMath.Prefetch(Points.Values, rowAt[SearchScratch.RowOf(key)] * dimension, dimension);
        }
        foreach (ulong key in nearestKeys)
        {
            if (key == ulong.MaxValue)
                break;
            int row = rowAt[SearchScratch.RowOf(key)];
            TopK.Offer(indices, distances, row, VectorMath.SquaredDistance(query, Points[row]));
        }
        int filled = Math.Min(wanted, Points.Count);
        if (filled > 0 && indices[filled - 1] < 0)
            ExactNeighborSearch.Query(Points, query, indices, distances);
    }

    /// <summary>
    /// Inserts <paramref name="key"/> (<see cref="SearchScratch.Key"/>) into the search's sorted list of nearest rows
    /// (48 to 144 of them) unless it is not nearer than the last: its place found by a binary search without branches
    /// (the comparisons of a search for a new distance are unpredictable) and the farther keys moved in one block copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Offer(Span<ulong> pool, ulong key)
    {
        int last = pool.Length - 1;
        if (key >= pool[last])
            return false;
        // The first place holding a larger key lies in [low, low + length].
        int low = 0, length = pool.Length;
        while (length > 1)
        {
            int half = length >>> 1;
            low = pool[low + half - 1] < key ? low + half : low;
            length -= half;
        }
        low += pool[low] < key ? 1 : 0;
        pool[low..last].CopyTo(pool[(low + 1)..]);
        pool[low] = key;
        return true;
    }

    /// <summary>Offers <paramref name="candidate"/> to row <paramref name="row"/>'s links unless it is there already.</summary>
    private static void Link(int[] links, float[] distances, int degree, int row, int candidate, float distance)
    {
        var rowLinks = links.AsSpan(row * degree, degree);
        var rowDistances = distances.AsSpan(row * degree, degree);
        if (distance >= rowDistances[degree - 1] || rowLinks.Contains(candidate))
            return;
        TopK.Offer(rowLinks, rowDistances, candidate, distance);
    }
}

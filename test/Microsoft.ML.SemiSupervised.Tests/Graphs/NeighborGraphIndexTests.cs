using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Tests.LabelPropagation;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class NeighborGraphIndexTests
{
    private const int K = 10;
    private readonly ITestOutputHelper _output;

    public NeighborGraphIndexTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Search_NewRowsOfTwentyDimensionalBlobs_FindsAtLeast95PercentOfExactNeighborsWithFewDistances()
    {
        var (points, queries) = BlobsAndNewRows(8_000, 300, dimension: 20, seed: 5);
        var index = NeighborGraphIndex.Build(points, NearestNeighborDescent.SearchLong(points, 9, seed: 1, out var tree), tree, seed: 1);

        long found = 0, distances = 0;
        for (int q = 0; q < queries.Count; q++)
        {
            var exact = Query(ExactNeighborSearch.Query, points, queries[q]);
            var approximate = new int[K];
            index.Search(queries[q], approximate, new float[K]);
            distances += NeighborGraphIndex.LastVisitedCount;
            found += exact.Count(approximate.Contains);
        }

        double recall = (double)found / (queries.Count * K);
        double perQuery = (double)distances / queries.Count;
        _output.WriteLine($"index recall against exact 10-NN of 300 new rows over 8000 rows of 20 features: {recall:P2}, {perQuery:0} distances a row");
        Assert.True(recall >= 0.95, $"recall {recall:P2}");
        Assert.True(perQuery < points.Count / 4.0, $"{perQuery:0} distances a row: not much better than comparing all {points.Count} rows");
    }

    [Theory]
    [InlineData(8_000, 48)]
    [InlineData(100_000, 48)]
    [InlineData(1_000_000, 96)]
    [InlineData(10_000_000, 144)]
    public void SearchWidthFor_RowCount_GrowsByOneBaseWidthPerTenfoldAbove100000(int rows, int width)
    {
        Assert.Equal(width, NeighborGraphIndex.SearchWidthFor(rows));
    }

    [Theory]
    [InlineData(10, 48, 20)]
    [InlineData(10, 96, 20)]
    [InlineData(5, 96, 16)]
    [InlineData(30, 48, 48)]
    [InlineData(60, 48, 60)]
    public void RerankCount_WantedAndWidth_TwiceTheWantedAtLeast16WithinTheWidth(int wanted, int width, int rerank)
    {
        Assert.Equal(rerank, NeighborGraphIndex.RerankCount(wanted, width));
    }

    /// <summary>
    /// One thread's search memory (the visited rows as one bit a stored row) serves indexes of any size: searched
    /// alternately on one thread, a large and a small index answer each query as each does alone on a fresh thread.
    /// </summary>
    [Fact]
    public void Search_LargeAndSmallIndexAlternatelyOnOneThread_SameAnswersAsEachAlone()
    {
        var (large, queries) = BlobsAndNewRows(6_000, 60, dimension: 8, seed: 12);
        var small = new PointSet(large.Values.AsSpan(0, 300 * 8).ToArray(), 8);
        var largeIndex = NeighborGraphIndex.Build(large, NearestNeighborDescent.SearchLong(large, 6, seed: 1, out var largeTree), largeTree, seed: 1);
        var smallIndex = NeighborGraphIndex.Build(small, NearestNeighborDescent.SearchLong(small, 6, seed: 1, out var smallTree), smallTree, seed: 1);
        int[][] Alone(NeighborGraphIndex index, PointSet points)
        {
            var answers = new int[queries.Count][];
            var thread = new Thread(() =>
            {
                for (int q = 0; q < queries.Count; q++)
                    answers[q] = Query(index.Search, points, queries[q]);
            });
            thread.Start();
            thread.Join();
            return answers;
        }
        var largeAlone = Alone(largeIndex, large);
        var smallAlone = Alone(smallIndex, small);

        for (int q = 0; q < queries.Count; q++)
        {
            Assert.Equal(largeAlone[q], Query(largeIndex.Search, large, queries[q]));
            Assert.Equal(smallAlone[q], Query(smallIndex.Search, small, queries[q]));
        }
    }

    /// <summary>
    /// The index is made lazily: a fit's build gathers no links and makes no copies; the first searches, from several
    /// threads at once, make them once, for a built index and for one read from saved integers alike, and answer as a
    /// search on one thread does.
    /// </summary>
    [Fact]
    public void Search_ManyThreadsAtOnceOnAFreshIndex_MadeOnceBuiltOrRead_AnswersAsOneThread()
    {
        var (points, queries) = BlobsAndNewRows(5_000, 64, dimension: 8, seed: 13);
        var lists = NearestNeighborDescent.SearchLong(points, 6, seed: 1, out var tree);
        var reference = NeighborGraphIndex.Build(points, lists, tree, seed: 1);
        var expected = Enumerable.Range(0, queries.Count).Select(q => Query(reference.Search, points, queries[q])).ToArray();
        var written = reference.ToIntegers();

        var built = NeighborGraphIndex.Build(points, lists, tree, seed: 1);
        Assert.False(built.LinksGathered);
        Assert.Equal(0, built.LayoutsMade);
        var read = NeighborGraphIndex.FromIntegers(points, written)!;
        Assert.Equal(0, read.LayoutsMade);
        foreach (var index in new[] { built, read })
        {
            const int Threads = 4;
            var answers = new int[queries.Count][];
            using var start = new Barrier(Threads);
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (int q = t; q < queries.Count; q += Threads)
                    answers[q] = Query(index.Search, points, queries[q]);
            })).ToArray();
            foreach (var thread in threads)
                thread.Start();
            foreach (var thread in threads)
                thread.Join();

            Assert.Equal(1, index.LayoutsMade);
            Assert.Equal(expected, answers);
            Assert.Equal(written, index.ToIntegers());
        }
    }

    [Fact]
    public void Build_SameRowsAndSeed_SameLinksTreeAndNeighbors()
    {
        var (points, queries) = BlobsAndNewRows(3_000, 50, dimension: 8, seed: 2);
        var lists = NearestNeighborDescent.SearchLong(points, 6, seed: 1, out var tree);

        NearestNeighborDescent.SearchLong(points, 6, seed: 1, out var treeAgain);

        var first = NeighborGraphIndex.Build(points, lists, tree: null, seed: 3);
        var second = NeighborGraphIndex.Build(points, lists, tree: null, seed: 3);

        Assert.Equal(tree!.ToIntegers(), treeAgain!.ToIntegers());
        Assert.Equal(first.ToIntegers(), second.ToIntegers());
        for (int q = 0; q < queries.Count; q++)
            Assert.Equal(Query(first.Search, points, queries[q]), Query(second.Search, points, queries[q]));
    }

    [Fact]
    public void Build_EveryRow_LinksOnlyOtherRowsNearestFirstWithoutDuplicates()
    {
        var (points, _) = BlobsAndNewRows(2_000, 1, dimension: 5, seed: 4);
        var index = NeighborGraphIndex.Build(points, NearestNeighborDescent.SearchLong(points, 6, seed: 1, out var tree), tree, seed: 1);

        var allLinks = index.LinksByRow();
        for (int i = 0; i < points.Count; i++)
        {
            var links = allLinks.AsSpan(i * index.Degree, index.Degree).ToArray().TakeWhile(j => j >= 0).ToArray();
            Assert.True(links.Length >= 12, $"row {i} has {links.Length} links"); // its own 12 neighbours at least
            Assert.DoesNotContain(i, links);
            Assert.Equal(links.Length, links.Distinct().Count());
            var distances = links.Select(j => VectorMath.SquaredDistance(points[i], points[j])).ToArray();
            Assert.Equal(distances.Order(), distances);
        }
    }

    [Fact]
    public void FromIntegers_WrittenIndex_SearchesAlike_AndDamagedIndexIsRefused()
    {
        var (points, queries) = BlobsAndNewRows(2_000, 40, dimension: 6, seed: 6);
        var index = NeighborGraphIndex.Build(points, NearestNeighborDescent.SearchLong(points, 6, seed: 1, out var tree), tree, seed: 1);
        var written = index.ToIntegers();

        var read = NeighborGraphIndex.FromIntegers(points, written);

        Assert.NotNull(read);
        for (int q = 0; q < queries.Count; q++)
            Assert.Equal(Query(index.Search, points, queries[q]), Query(read.Search, points, queries[q]));
        var outOfRange = (int[])written.Clone();
        outOfRange[5] = points.Count;
        Assert.Null(NeighborGraphIndex.FromIntegers(points, outOfRange));
        Assert.Null(NeighborGraphIndex.FromIntegers(points, written.AsSpan(0, written.Length - 1)));
        var cyclic = (int[])written.Clone();
        int treeStart = 1 + points.Count * index.Degree, nodes = cyclic[treeStart];
        cyclic[treeStart + 2 + 2 * nodes] = 0; // the root's left child: the root itself
        Assert.Null(NeighborGraphIndex.FromIntegers(points, cyclic));
    }

    [Fact]
    public void Search_FeaturesWhoseDistancesOverflowSingle_FindsTheExactNeighbors()
    {
        var (points, queries) = BlobsAndNewRows(2_000, 20, dimension: 6, seed: 7);
        var index = NeighborGraphIndex.Build(points, NearestNeighborDescent.SearchLong(points, 6, seed: 1, out var tree), tree, seed: 1);
        var huge = new PointSet(points.Values.Select(v => v * 1e25f).ToArray(), points.Dimension);
        var hugeIndex = NeighborGraphIndex.FromIntegers(huge, index.ToIntegers())!;

        for (int q = 0; q < queries.Count; q++)
        {
            var query = queries[q].ToArray().Select(v => v * 1e25f).ToArray();
            Assert.True(float.IsInfinity(VectorMath.SquaredDistance(query, huge[0]))); // the case: distances beyond Single
            var expected = Query(ExactNeighborSearch.Query, huge, query);
            Assert.Equal(expected, Query(hugeIndex.Search, huge, query));
            Assert.DoesNotContain(-1, expected);
        }
    }

    /// <summary>
    /// The index searches a copy of the rows and links in its tree's leaf order (memory locality); the same best-first
    /// search over the rows in their own order, written out here (on an 8-bit copy of the rows in their own order, which
    /// holds the same bytes a row, then re-ranked by exact distances), finds the same rows at the same distances,
    /// following the stored links or, as the index does by default, their diversified copy.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Search_CopyInLeafOrder_FindsWhatTheSearchInRowOrderFinds(bool diversify)
    {
        var (points, queries) = BlobsAndNewRows(4_000, 100, dimension: 12, seed: 11);
        var lists = NearestNeighborDescent.SearchLong(points, 9, seed: 1, out var tree);
        var index = NeighborGraphIndex.Build(points, lists, tree, seed: 1, diversify);
        var links = diversify ? index.SearchLinksByRow() : index.LinksByRow();
        var compact = CompactRows.Create(points)!;

        for (int q = 0; q < queries.Count; q++)
        {
            var expected = SearchInRowOrder(index, links, queries[q], 48, compact);
            var indices = new int[K];
            var distances = new float[K];
            index.Search(queries[q], indices, distances, 48);
            Assert.Equal(expected.Indices, indices);
            Assert.Equal(expected.Distances, distances);
        }
    }

    /// <summary>
    /// The search follows a diversified copy of the links (a link is dropped when a link kept before it is nearer to
    /// its row, then kept links are made in reverse): against the stored links, on the same rows, tree and width, it
    /// computes fewer distances a query and finds at least as many of the exact 10 nearest (measured here, against
    /// exact search), and the saved links stay the stored ones.
    /// </summary>
    [Fact]
    public void Search_DiversifiedLinks_FindAsManyExactNeighborsWithFewerDistances_AndTheSavedLinksStay()
    {
        var (points, queries) = BlobsAndNewRows(20_000, 300, dimension: 20, seed: 5);
        var lists = NearestNeighborDescent.SearchLong(points, 9, seed: 1, out var tree);
        var stored = NeighborGraphIndex.Build(points, lists, tree, seed: 1, diversify: false);
        var diversified = NeighborGraphIndex.Build(points, lists, tree, seed: 1, diversify: true);

        var (storedRecall, storedDistances) = RecallAndDistances(stored, points, queries);
        var (recall, distances) = RecallAndDistances(diversified, points, queries);

        _output.WriteLine($"20,000 rows of 20 features, 300 new rows, width 48: stored links {storedRecall:P2} in {storedDistances:0} distances a row; diversified ({diversified.SearchLinksPerRow:0.0} links a row) {recall:P2} in {distances:0}");
        Assert.True(recall >= 0.95, $"recall {recall:P2}");
        Assert.True(recall >= storedRecall - 0.002, $"diversified {recall:P2} against stored links {storedRecall:P2}");
        Assert.True(distances < 0.95 * storedDistances, $"diversified {distances:0} distances a row against {storedDistances:0}");
        Assert.Equal(stored.ToIntegers(), diversified.ToIntegers());
        var searchLinks = diversified.SearchLinksByRow();
        var storedLinks = diversified.LinksByRow();
        for (int i = 0; i < points.Count; i++)
        {
            var own = storedLinks.AsSpan(i * stored.Degree, stored.Degree);
            foreach (int j in searchLinks.AsSpan(i * stored.Degree, stored.Degree))
            {
                if (j >= 0)
                    Assert.True(own.Contains(j) || storedLinks.AsSpan(j * stored.Degree, stored.Degree).Contains(i), $"search link {i} -> {j} is no stored link either way");
            }
        }
    }

    /// <summary>
    /// The walk measures on an 8-bit copy of the rows and re-ranks its nearest rows by exact distances: every answer's
    /// distance is the exact one (the 8-bit distances differ from it), and it finds at least as many of the exact 10
    /// nearest as the same walk on the float rows (measured here, against exact search, on the same links and width).
    /// </summary>
    [Fact]
    public void Search_WalkOnEightBitRows_AnswersExactDistancesAndFindsAsManyNeighborsAsTheWalkOnFloatRows()
    {
        var (points, queries) = BlobsAndNewRows(20_000, 300, dimension: 20, seed: 5);
        var index = NeighborGraphIndex.Build(points, NearestNeighborDescent.SearchLong(points, 9, seed: 1, out var tree), tree, seed: 1);
        var links = index.SearchLinksByRow();
        var compact = CompactRows.Create(points)!;
        var prepared = new float[compact.QueryLength];

        long found = 0, foundOnFloats = 0, approximateDiffers = 0;
        for (int q = 0; q < queries.Count; q++)
        {
            var exact = Query(ExactNeighborSearch.Query, points, queries[q]);
            var indices = new int[K];
            var distances = new float[K];
            index.Search(queries[q], indices, distances, NeighborGraphIndex.SearchWidth);
            compact.PrepareQuery(queries[q], prepared);
            for (int t = 0; t < K; t++)
            {
                float exactDistance = VectorMath.SquaredDistance(queries[q], points[indices[t]]);
                Assert.Equal(exactDistance, distances[t]);
                approximateDiffers += compact.SquaredDistance(prepared, indices[t]) != exactDistance ? 1 : 0;
            }
            Assert.Equal(distances.Order(), distances);
            found += exact.Count(indices.Contains);
            foundOnFloats += exact.Count(SearchInRowOrder(index, links, queries[q], NeighborGraphIndex.SearchWidth).Indices.Contains);
        }

        double recall = (double)found / (queries.Count * K), floatRecall = (double)foundOnFloats / (queries.Count * K);
        _output.WriteLine($"20,000 rows of 20 features, 300 new rows, width 48: walk on 8-bit rows {recall:P2}, on float rows {floatRecall:P2}; {approximateDiffers} of {queries.Count * K} answers' 8-bit distances differ from the exact");
        Assert.True(approximateDiffers > queries.Count * K / 2, $"only {approximateDiffers} 8-bit distances differ from the exact ones");
        Assert.True(recall >= floatRecall - 0.003, $"8-bit walk {recall:P2} against the float walk's {floatRecall:P2}");
        Assert.True(recall >= 0.95, $"recall {recall:P2}");
    }

    private static (double Recall, double Distances) RecallAndDistances(NeighborGraphIndex index, PointSet points, PointSet queries)
    {
        long found = 0, distances = 0;
        for (int q = 0; q < queries.Count; q++)
        {
            var exact = Query(ExactNeighborSearch.Query, points, queries[q]);
            var approximate = new int[K];
            index.Search(queries[q], approximate, new float[K], NeighborGraphIndex.SearchWidth);
            distances += NeighborGraphIndex.LastVisitedCount;
            found += exact.Count(approximate.Contains);
        }
        return ((double)found / (queries.Count * K), (double)distances / queries.Count);
    }

    /// <summary>
    /// Best-first search over the stored rows and the links by row number (the index's search before the copy): on the
    /// float rows (the walk before the 8-bit copy), or on <paramref name="compact"/> (an 8-bit copy in row order) with
    /// its nearest rows (<see cref="NeighborGraphIndex.RerankCount"/> of them) re-ranked by exact distances, as the index does.
    /// </summary>
    private static (int[] Indices, float[] Distances) SearchInRowOrder(NeighborGraphIndex index, int[] links, ReadOnlySpan<float> query, int width, CompactRows? compact = null)
    {
        var prepared = new float[compact?.QueryLength ?? 0];
        compact?.PrepareQuery(query, prepared);
        var queryCopy = query.ToArray();
        float Distance(int row) => compact is null ? VectorMath.SquaredDistance(queryCopy, index.Points[row]) : compact.SquaredDistance(prepared, row);
        var poolIndices = new int[width];
        var poolDistances = new float[width];
        TopK.Clear(poolIndices, poolDistances);
        var visited = new HashSet<int>();
        var candidates = new PriorityQueue<int, (float, int)>();
        foreach (int row in index.Tree.Leaf(index.Points, query))
        {
            visited.Add(row);
            float distance = Distance(row);
            if (TopK.Offer(poolIndices, poolDistances, row, distance))
                candidates.Enqueue(row, (distance, row));
        }
        while (candidates.TryDequeue(out int row, out var priority))
        {
            if (priority.Item1 > poolDistances[width - 1])
                break;
            foreach (int next in links.AsSpan(row * index.Degree, index.Degree))
            {
                if (next < 0)
                    break;
                if (!visited.Add(next))
                    continue;
                float distance = Distance(next);
                if (TopK.Offer(poolIndices, poolDistances, next, distance))
                    candidates.Enqueue(next, (distance, next));
            }
        }
        if (compact is null)
            return (poolIndices[..K], poolDistances[..K]);
        var indices = new int[K];
        var distances = new float[K];
        TopK.Clear(indices, distances);
        foreach (int row in poolIndices.Take(NeighborGraphIndex.RerankCount(K, width)).TakeWhile(row => row >= 0))
            TopK.Offer(indices, distances, row, VectorMath.SquaredDistance(query, index.Points[row]));
        return (indices, distances);
    }

    private delegate void Searcher(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances);

    private delegate void PointsSearcher(PointSet points, ReadOnlySpan<float> query, Span<int> indices, Span<float> distances);

    private static int[] Query(Searcher search, PointSet points, ReadOnlySpan<float> query)
    {
        var indices = new int[Math.Min(K, points.Count)];
        search(query, indices, new float[indices.Length]);
        return indices;
    }

    private static int[] Query(PointsSearcher search, PointSet points, ReadOnlySpan<float> query)
    {
        var indices = new int[Math.Min(K, points.Count)];
        search(points, query, indices, new float[indices.Length]);
        return indices;
    }

    /// <summary>Blobs (spread 1.5, ten centres) and new rows of the same blobs: the rows after the first <paramref name="count"/>.</summary>
    private static (PointSet Points, PointSet Queries) BlobsAndNewRows(int count, int queryCount, int dimension, int seed)
    {
        var set = GraphTestData.Blobs(count + queryCount, dimension, 10, 0, seed, spread: 1.5);
        var points = new PointSet(set.Features.Take(count).SelectMany(f => f).ToArray(), dimension);
        var queries = new PointSet(set.Features.Skip(count).SelectMany(f => f).ToArray(), dimension);
        return (points, queries);
    }
}

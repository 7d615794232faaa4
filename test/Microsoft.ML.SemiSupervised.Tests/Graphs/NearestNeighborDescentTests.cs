using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Tests.LabelPropagation;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class NearestNeighborDescentTests
{
    private readonly ITestOutputHelper _output;

    public NearestNeighborDescentTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Search_TwentyDimensionalBlobs_FindsAtLeast95PercentOfExactNeighbors()
    {
        var set = GraphTestData.Blobs(8_000, 20, 10, 0, seed: 5, spread: 1.5);
        var points = new PointSet(set.Features.SelectMany(f => f).ToArray(), 20);

        var exact = ExactNeighborSearch.Search(points, 9);
        var approximate = NearestNeighborDescent.Search(points, 9, seed: 1);

        double recall = approximate.RecallAgainst(exact);
        _output.WriteLine($"NN-descent recall against exact 9-NN on 8000 rows of 20 features: {recall:P2}");
        Assert.True(recall >= 0.95, $"recall {recall:P2}");
    }

    [Fact]
    public void Search_EveryList_IsSortedWithoutSelfOrDuplicates()
    {
        var set = GraphTestData.Blobs(3000, 8, 4, 0, seed: 2);
        var points = new PointSet(set.Features.SelectMany(f => f).ToArray(), 8);

        var lists = NearestNeighborDescent.Search(points, 7, seed: 1);

        for (int i = 0; i < lists.RowCount; i++)
        {
            var row = lists.Indices.AsSpan(i * 7, 7).ToArray();
            var distances = lists.SquaredDistances.AsSpan(i * 7, 7).ToArray();
            Assert.DoesNotContain(i, row);
            Assert.Equal(7, row.Distinct().Count());
            Assert.Equal(distances.Order(), distances);
        }
    }

    /// <summary>
    /// The joins compare rows on an 8-bit copy, and the lists are kept by those distances while searching; at the end
    /// every list is re-ranked by exact distance, so each entry carries the exact squared distance of its pair, nearest
    /// first (equal distances by row).
    /// </summary>
    [Fact]
    public void SearchLong_JoinsOnEightBitRows_ListsCarryExactDistancesNearestFirst()
    {
        var set = GraphTestData.Blobs(8_000, 20, 10, 0, seed: 6, spread: 1.5);
        var points = new PointSet(set.Features.SelectMany(f => f).ToArray(), 20);

        var lists = NearestNeighborDescent.SearchLong(points, 9, seed: 1, out _);

        for (int i = 0; i < lists.RowCount; i++)
        {
            for (int t = 0; t < lists.K; t++)
            {
                int j = lists.Indices[i * lists.K + t];
                Assert.Equal(VectorMath.SquaredDistance(points[i], points[j]), lists.SquaredDistances[i * lists.K + t]);
                if (t > 0)
                {
                    float previous = lists.SquaredDistances[i * lists.K + t - 1];
                    Assert.True(previous < lists.SquaredDistances[i * lists.K + t]
                        || (previous == lists.SquaredDistances[i * lists.K + t] && lists.Indices[i * lists.K + t - 1] < j), $"row {i}, entry {t}");
                }
            }
        }
    }

    /// <summary>
    /// One row far out in every feature stretches the 8-bit grid so far that the other rows fall on a step or two: their
    /// 8-bit distances would be nearly all zero and the lists random. The start lists show it (the 8-bit distances far off
    /// the exact ones), so the joins run on the float rows and the recall holds.
    /// </summary>
    [Fact]
    public void Search_OneRowFarOutInEveryFeature_JoinsOnFloatsAndFindsAtLeast95Percent()
    {
        var set = GraphTestData.Blobs(8_000, 20, 10, 0, seed: 5, spread: 1.5);
        var values = set.Features.SelectMany(f => f).ToArray();
        values.AsSpan(0, 20).Fill(1e6f);
        var points = new PointSet(values, 20);
        var messages = new List<string>();

        var exact = ExactNeighborSearch.Search(points, 9);
        var approximate = NearestNeighborDescent.SearchLong(points, 9, seed: 1, out _, log: messages.Add).Cut(9);

        double recall = approximate.RecallAgainst(exact);
        _output.WriteLine(string.Join(Environment.NewLine, messages.Where(m => m.Contains("8-bit", StringComparison.Ordinal))));
        Assert.Contains(messages, m => m.Contains("the joins on floats", StringComparison.Ordinal));
        Assert.True(recall >= 0.95, $"recall {recall:P2}");
    }

    /// <summary>
    /// One seed, one graph: the lists keep their k nearest offers with ties ordered by row, which does not depend on the
    /// order the cores offer them in, and the candidates are sampled by hashed priority, not by a shared random stream.
    /// (Duplicated rows make ties, whose order the first version left to timing.)
    /// </summary>
    [Fact]
    public void SearchLong_SameSeedTwice_SameListsAndDistances()
    {
        var set = GraphTestData.Blobs(6_000, 8, 4, 0, seed: 9);
        var rows = set.Features.Concat(set.Features.Take(500)).SelectMany(f => f).ToArray(); // 500 rows twice: ties
        var points = new PointSet(rows, 8);

        var first = NearestNeighborDescent.SearchLong(points, 6, seed: 2, out _);
        var second = NearestNeighborDescent.SearchLong(points, 6, seed: 2, out _);

        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(first.SquaredDistances, second.SquaredDistances);
    }

    /// <summary>
    /// One seed, one graph on any number of workers and any timing: one worker, two, three, and four while two threads
    /// keep the cores busy give the same lists bit for bit. (The candidate sampling marked its rows' sampled
    /// neighbours old while the other parts of the rows still read those flags, so the candidates, and the graph,
    /// depended on which part finished first: one worker, which runs the parts one after the other, gave another graph.)
    /// </summary>
    [Fact]
    public void SearchLong_AnyNumberOfWorkersAndTiming_SameLists()
    {
        var set = GraphTestData.Blobs(30_000, 8, 4, 0, seed: 4);
        var rows = set.Features.Concat(set.Features.Take(500)).SelectMany(f => f).ToArray(); // 500 rows twice: ties
        var points = new PointSet(rows, 8);

        var one = NearestNeighborDescent.SearchLong(points, 6, seed: 3, out _, workers: 1);
        var two = NearestNeighborDescent.SearchLong(points, 6, seed: 3, out _, workers: 2);
        var three = NearestNeighborDescent.SearchLong(points, 6, seed: 3, out _, workers: 3);
        NeighborLists busy;
        using (var stop = new CancellationTokenSource())
        {
            var burners = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
            {
                double x = 1;
                while (!stop.IsCancellationRequested)
                    x = Math.Sqrt(x + 1);
            })).ToList();
            burners.ForEach(t => t.Start());
            busy = NearestNeighborDescent.SearchLong(points, 6, seed: 3, out _, workers: 4);
            stop.Cancel();
            burners.ForEach(t => t.Join());
        }

        foreach (var other in new[] { two, three, busy })
        {
            int differing = Enumerable.Range(0, one.Indices.Length).Count(e => one.Indices[e] != other.Indices[e]);
            Assert.True(differing == 0, $"{differing} of {one.Indices.Length} entries differ from one worker's");
            Assert.Equal(one.SquaredDistances, other.SquaredDistances);
        }
    }

    /// <summary>
    /// A row's random start is seeded by SplitMix64 of (seed, row), the same in every process: seed 0, row 0 is
    /// SplitMix64's first output from state 0, 0xE220A8397B1DCDAF, whose low 31 bits are 0x7B1DCDAF. (It was
    /// HashCode.Combine, randomized per process, so one seed gave another graph in each process.)
    /// </summary>
    [Fact]
    public void RowSeed_IsSplitMix64OfSeedAndRow_SameInEveryProcess()
    {
        Assert.Equal(0x7B1DCDAF, NearestNeighborDescent.RowSeed(0, 0));
        Assert.NotEqual(NearestNeighborDescent.RowSeed(1, 0), NearestNeighborDescent.RowSeed(0, 1));
    }
}

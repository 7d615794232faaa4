using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Tests.Graphs;

public sealed class NeighborCandidatesTests
{
    private const ulong Salt = 0x1234_5678_9ABC_DEF0UL;

    [Fact]
    public void Sample_ListsInAnotherOrder_SameCandidates()
    {
        const int n = 300, k = 12;
        var random = new Random(3);
        var indices = Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(1, k).Select(t => (i + t * 7) % n)).ToArray();
        var flags = indices.Select(_ => (byte)random.Next(2)).ToArray();
        var shuffled = (int[])indices.Clone();
        var shuffledFlags = (byte[])flags.Clone();
        for (int i = 0; i < n; i++)
        {
            var order = Enumerable.Range(0, k).OrderBy(_ => random.Next()).ToArray();
            for (int t = 0; t < k; t++)
            {
                shuffled[i * k + t] = indices[i * k + order[t]];
                shuffledFlags[i * k + t] = flags[i * k + order[t]];
            }
        }
        var first = new NeighborCandidates(n, 5);
        var second = new NeighborCandidates(n, 5);

        first.Sample(indices, flags, k, Salt, new ParallelOptions());
        second.Sample(shuffled, shuffledFlags, k, Salt, new ParallelOptions());

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(first.New(i).ToArray().Order(), second.New(i).ToArray().Order());
            Assert.Equal(first.Old(i).ToArray().Order(), second.Old(i).ToArray().Order());
        }
    }

    /// <summary>
    /// The rows are sampled in parts side by side, each reading every list: one worker (the parts one after the other)
    /// and two (the parts at once) give the same candidates and flags, and every candidate is of its kind in the flags
    /// as they stood before the sampling. (Each part marked its rows' sampled neighbours old while the other parts still
    /// read those flags: run one after the other, the later part took new pairs for old ones.)
    /// </summary>
    [Fact]
    public void Sample_OneWorkerOrTwo_CandidatesFromTheFlagsAsTheyStood()
    {
        const int n = 20_000, k = 12;
        var random = new Random(5);
        var indices = Enumerable.Range(0, n * k).Select(e => (e / k + 1 + random.Next(n - 1)) % n).ToArray();
        var flags = indices.Select(_ => (byte)random.Next(2)).ToArray();
        var newPairs = new HashSet<(int, int)>();
        var oldPairs = new HashSet<(int, int)>();
        for (int e = 0; e < indices.Length; e++)
        {
            var pairs = flags[e] != 0 ? newPairs : oldPairs;
            pairs.Add((e / k, indices[e]));
            pairs.Add((indices[e], e / k));
        }
        var togetherFlags = (byte[])flags.Clone();
        var together = new NeighborCandidates(n, 6);
        var sequential = new NeighborCandidates(n, 6);

        together.Sample(indices, togetherFlags, k, Salt, new ParallelOptions { MaxDegreeOfParallelism = 2 });
        sequential.Sample(indices, flags, k, Salt, new ParallelOptions { MaxDegreeOfParallelism = 1 });

        int wrongKind = Enumerable.Range(0, n).Count(i =>
            sequential.New(i).ToArray().Any(j => !newPairs.Contains((i, j))) || sequential.Old(i).ToArray().Any(j => !oldPairs.Contains((i, j))));
        Assert.True(wrongKind == 0, $"{wrongKind} of {n} rows sampled a candidate of the other kind");
        int differing = Enumerable.Range(0, n).Count(i =>
            !together.New(i).ToArray().Order().SequenceEqual(sequential.New(i).ToArray().Order()) ||
            !together.Old(i).ToArray().Order().SequenceEqual(sequential.Old(i).ToArray().Order()));
        Assert.True(differing == 0, $"{differing} of {n} rows sampled other candidates on two workers");
        Assert.Equal(flags, togetherFlags);
    }

    [Fact]
    public void Sample_MoreNewNeighborsThanCapacity_MarksOldOnlyTheSampledOnes()
    {
        // Row 0 lists rows 1..8, all new; nobody lists row 0, and rows 1..8 list only old neighbours.
        const int n = 20, k = 8, capacity = 3;
        var indices = new int[n * k];
        var flags = new byte[n * k];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < k; t++)
                indices[i * k + t] = i == 0 ? t + 1 : 9 + (i + t) % 11;
        }
        flags.AsSpan(0, k).Fill(1);
        var candidates = new NeighborCandidates(n, capacity);

        candidates.Sample(indices, flags, k, Salt, new ParallelOptions());

        var sampled = candidates.New(0).ToArray();
        Assert.Equal(capacity, sampled.Length);
        for (int t = 0; t < k; t++)
            Assert.Equal(sampled.Contains(indices[t]) ? 0 : 1, flags[t]);
    }

    /// <summary>
    /// A full pool keeps the candidates of smallest priority among all it was offered (PyNNDescent's sampling), whatever
    /// the order of the offers: row 0 is offered 60 new neighbours for 5 places, and row 1 is offered, as the reverse
    /// neighbour of 60 rows, 60 candidates (its pool is a heap by priority once full).
    /// </summary>
    [Fact]
    public void Sample_ManyOffers_KeepsTheCandidatesOfSmallestPriority()
    {
        const int n = 200, k = 60, capacity = 5;
        var indices = new int[n * k];
        var flags = new byte[n * k];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < k; t++)
                indices[i * k + t] = i == 0 ? 2 + t : i >= 100 && i < 160 && t == 0 ? 1 : (i + 1 + t) % n == 0 ? 199 : (i + 1 + t) % n;
        }
        flags.AsSpan(0, k).Fill(1); // row 0's neighbours 2..61: new
        for (int i = 100; i < 160; i++)
            flags[i * k] = 1; // rows 100..159 newly list row 1
        var candidates = new NeighborCandidates(n, capacity);

        candidates.Sample(indices, flags, k, Salt, new ParallelOptions());

        var expected0 = Enumerable.Range(2, k).OrderBy(c => NeighborCandidates.Priority(Salt, 0, c)).Take(capacity).Order();
        var expected1 = Enumerable.Range(100, 60).OrderBy(c => NeighborCandidates.Priority(Salt, 1, c)).Take(capacity).Order();
        Assert.Equal(expected0, candidates.New(0).ToArray().Order());
        Assert.Equal(expected1, candidates.New(1).ToArray().Order());
    }

    [Fact]
    public void Sample_RowWithoutNewCandidates_GetsNoOldCandidates()
    {
        // Every entry old: no row has new candidates, so none needs old ones (old pairs are never compared).
        const int n = 50, k = 4;
        var indices = Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(1, k).Select(t => (i + t) % n)).ToArray();
        var flags = new byte[n * k];
        flags[0] = 1; // row 0's first neighbour (row 1) is new: rows 0 and 1 get new candidates
        var candidates = new NeighborCandidates(n, k);

        candidates.Sample(indices, flags, k, Salt, new ParallelOptions());

        Assert.Equal([1], candidates.New(0).ToArray());
        Assert.Equal([0], candidates.New(1).ToArray());
        Assert.NotEmpty(candidates.Old(0).ToArray());
        Assert.NotEmpty(candidates.Old(1).ToArray());
        for (int i = 2; i < n; i++)
        {
            Assert.Empty(candidates.New(i).ToArray());
            Assert.Empty(candidates.Old(i).ToArray());
        }
    }
}

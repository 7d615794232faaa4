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

        first.Sample(indices, flags, k, Salt, CancellationToken.None);
        second.Sample(shuffled, shuffledFlags, k, Salt, CancellationToken.None);

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(first.New(i).ToArray().Order(), second.New(i).ToArray().Order());
            Assert.Equal(first.Old(i).ToArray().Order(), second.Old(i).ToArray().Order());
        }
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

        candidates.Sample(indices, flags, k, Salt, CancellationToken.None);

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

        candidates.Sample(indices, flags, k, Salt, CancellationToken.None);

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

        candidates.Sample(indices, flags, k, Salt, CancellationToken.None);

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

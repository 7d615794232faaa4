namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Approximate k-nearest-neighbour search by NN-descent (Dong, Charikar and Li, "Efficient k-nearest neighbor graph
/// construction for generic similarity measures", WWW 2011): start each row with random neighbours, then repeatedly
/// compare the neighbours of each row (and the rows that list it) with one another, keeping any closer pair, until
/// an iteration improves fewer than <see cref="StopFraction"/> of the lists' entries.
/// </summary>
/// <remarks>
/// Each iteration samples at most k new and k old candidates per row (forward and reverse), so the cost is about
/// <c>1.5 k^2</c> distances per row and iteration. Updates run on all cores under striped locks; when several cores
/// race for the same list the outcome can differ by a neighbour between runs.
/// </remarks>
internal static class NearestNeighborDescent
{
    /// <summary>The fraction of improved entries under which the search stops.</summary>
    public const double StopFraction = 0.001;

    /// <summary>The most iterations.</summary>
    public const int MaximumNumberOfIterations = 15;

    private const int LockCount = 4096;

    /// <summary>
    /// The approximate <paramref name="wanted"/> nearest other rows of every row. The lists are kept
    /// <paramref name="listFactor"/> times longer while searching (more candidates, better recall) and cut at the end.
    /// </summary>
    public static NeighborLists Search(PointSet points, int wanted, int seed, int listFactor = 2)
    {
        int n = points.Count;
        int k = Math.Min(wanted * listFactor, n - 1);
        if (n <= 4 * (k + 1))
            return ExactNeighborSearch.Search(points, wanted);
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        var isNew = new bool[(long)n * k];
        var locks = Enumerable.Range(0, LockCount).Select(_ => new object()).ToArray();

        Parallel.For(0, n, i =>
        {
            var random = new Random(HashCode.Combine(seed, i));
            var rowIndices = indices.AsSpan(i * k, k);
            var rowDistances = distances.AsSpan(i * k, k);
            TopK.Clear(rowIndices, rowDistances);
            int added = 0;
            while (added < k)
            {
                int j = random.Next(n);
                if (j == i || rowIndices.Contains(j))
                    continue;
                TopK.Offer(rowIndices, rowDistances, j, VectorMath.SquaredDistance(points[i], points[j]));
                added++;
            }
            isNew.AsSpan(i * k, k).Fill(true);
        });

        var newCandidates = new int[(long)n * k];
        var oldCandidates = new int[(long)n * k];
        var newCounts = new int[n];
        var oldCounts = new int[n];
        var seen = new int[n];
        var sampler = new Random(seed);
        for (int iteration = 0; iteration < MaximumNumberOfIterations; iteration++)
        {
            BuildCandidates(n, k, indices, isNew, newCandidates, oldCandidates, newCounts, oldCounts, seen, sampler);
            long updates = 0;
            Parallel.For(0, n, () => 0L, (i, _, local) =>
            {
                var fresh = newCandidates.AsSpan(i * k, newCounts[i]);
                var old = oldCandidates.AsSpan(i * k, oldCounts[i]);
                for (int a = 0; a < fresh.Length; a++)
                {
                    int u = fresh[a];
                    var pu = points[u];
                    for (int b = a + 1; b < fresh.Length; b++)
                        local += Join(u, fresh[b], VectorMath.SquaredDistance(pu, points[fresh[b]]));
                    for (int b = 0; b < old.Length; b++)
                    {
                        if (old[b] != u)
                            local += Join(u, old[b], VectorMath.SquaredDistance(pu, points[old[b]]));
                    }
                }
                return local;
            }, local => Interlocked.Add(ref updates, local));
            if (updates < StopFraction * n * k)
                break;
        }
        return Truncate(new NeighborLists(n, k, indices, distances), wanted);

        int Join(int u, int v, float distance)
        {
            if (u == v)
                return 0;
            return Insert(u, v, distance) + Insert(v, u, distance);
        }

        int Insert(int row, int candidate, float distance)
        {
            if (distance >= distances[(long)row * k + k - 1])
                return 0;
            lock (locks[row % LockCount])
            {
                var rowIndices = indices.AsSpan(row * k, k);
                var rowDistances = distances.AsSpan(row * k, k);
                if (distance >= rowDistances[k - 1] || rowIndices.Contains(candidate))
                    return 0;
                var flags = isNew.AsSpan(row * k, k);
                int position = k - 1;
                while (position > 0 && rowDistances[position - 1] > distance)
                {
                    rowDistances[position] = rowDistances[position - 1];
                    rowIndices[position] = rowIndices[position - 1];
                    flags[position] = flags[position - 1];
                    position--;
                }
                rowDistances[position] = distance;
                rowIndices[position] = candidate;
                flags[position] = true;
                return 1;
            }
        }
    }

    private static NeighborLists Truncate(NeighborLists lists, int wanted)
    {
        if (lists.K == wanted)
            return lists;
        int n = lists.RowCount;
        var indices = new int[(long)n * wanted];
        var distances = new float[(long)n * wanted];
        for (int i = 0; i < n; i++)
        {
            lists.Indices.AsSpan(i * lists.K, wanted).CopyTo(indices.AsSpan(i * wanted, wanted));
            lists.SquaredDistances.AsSpan(i * lists.K, wanted).CopyTo(distances.AsSpan(i * wanted, wanted));
        }
        return new NeighborLists(n, wanted, indices, distances);
    }

    /// <summary>
    /// Samples each row's candidates for the next join: its new and old neighbours and the rows listing it
    /// (reverse neighbours), at most k of each kind, by reservoir sampling; sampled new neighbours become old.
    /// </summary>
    private static void BuildCandidates(int n, int k, int[] indices, bool[] isNew, int[] newCandidates, int[] oldCandidates,
        int[] newCounts, int[] oldCounts, int[] seen, Random random)
    {
        Array.Clear(newCounts);
        Array.Clear(oldCounts);
        Array.Clear(seen);
        var oldSeen = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < k; t++)
            {
                long at = (long)i * k + t;
                int j = indices[at];
                if (j < 0)
                    continue;
                if (isNew[at])
                {
                    Sample(newCandidates, newCounts, seen, i, j);
                    Sample(newCandidates, newCounts, seen, j, i);
                    isNew[at] = false;
                }
                else
                {
                    Sample(oldCandidates, oldCounts, oldSeen, i, j);
                    Sample(oldCandidates, oldCounts, oldSeen, j, i);
                }
            }
        }

        void Sample(int[] candidates, int[] counts, int[] offered, int row, int candidate)
        {
            var list = candidates.AsSpan(row * k, counts[row]);
            if (list.Contains(candidate))
                return;
            int offeredSoFar = offered[row]++;
            if (counts[row] < k)
            {
                candidates[(long)row * k + counts[row]++] = candidate;
                return;
            }
            int slot = random.Next(offeredSoFar + 1);
            if (slot < k)
                candidates[(long)row * k + slot] = candidate;
        }
    }
}

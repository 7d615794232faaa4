namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Approximate k-nearest-neighbour search by NN-descent (Dong, Charikar and Li, "Efficient k-nearest neighbor graph
/// construction for generic similarity measures", WWW 2011): start each row with random neighbours, then repeatedly
/// compare the neighbours of each row (and the rows that list it) with one another, keeping any closer pair, until
/// an iteration improves fewer than <see cref="StopFraction"/> of the lists' entries.
/// </summary>
/// <remarks>
/// The rows are first put in the order of a random projection tree's leaves (neighbours close in memory), and each
/// list starts from the rows of its leaves in a few more trees, so few iterations are needed. Each iteration samples at
/// most k new and k old candidates per row (forward and reverse), about <c>1.5 k^2</c> distances per row. Updates run
/// on all cores under striped locks; when several cores race for the same list the outcome can differ by a neighbour
/// between runs.
/// </remarks>
internal static class NearestNeighborDescent
{
    /// <summary>The fraction of improved entries under which the search stops.</summary>
    public const double StopFraction = 0.001;

    /// <summary>The most iterations.</summary>
    public const int MaximumNumberOfIterations = 15;

    /// <summary>The number of random projection trees whose leaves seed the neighbour lists.</summary>
    public const int InitialTreeCount = 4;

    private const int LockCount = 4096;

    /// <summary>
    /// The approximate <paramref name="wanted"/> nearest other rows of every row. The lists are kept
    /// <paramref name="listFactor"/> times longer while searching (more candidates, better recall) and cut at the end.
    /// </summary>
    public static NeighborLists Search(PointSet points, int wanted, int seed, int listFactor = 2, CancellationToken cancellation = default) =>
        SearchLong(points, wanted, seed, out _, listFactor, cancellation: cancellation).Cut(wanted);

    /// <summary>
    /// As <see cref="Search"/>, but the lists as long as they were kept while searching
    /// (<paramref name="wanted"/> times <paramref name="listFactor"/>, at most the row count minus 1), nearest first:
    /// the first <paramref name="wanted"/> of each are <see cref="Search"/>'s; the rest serve a search index. The
    /// random projection tree that ordered the rows is kept in <paramref name="tree"/> for the index (null when the
    /// rows are so few that the search is exact).
    /// </summary>
    public static NeighborLists SearchLong(PointSet points, int wanted, int seed, out SearchTree? tree, int listFactor = 2, Action<string>? log = null,
        CancellationToken cancellation = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int n = points.Count;
        int k = Math.Min(wanted * listFactor, n - 1);
        tree = null;
        if (n <= 4 * (k + 1))
            return ExactNeighborSearch.Search(points, k, cancellation);
        // Rows so large that squared distances would overflow Single are searched scaled by a power of two (exact).
        float scale = DistanceScale.For(points);
        if (scale != 1f)
            points = DistanceScale.Apply(points, scale);
        // Rows in the order of a random projection tree's leaves: neighbours then sit close in memory. The tree splits
        // the scaled rows as it would the rows themselves (a power of two changes no sign), so it serves their queries.
        tree = SearchTree.Build(points, Math.Max(2 * (k + 1), 32), seed);
        var order = tree.LeafRows.ToArray();
        var random = new Random(unchecked(seed + 1));
        var sorted = Permute(points, order);
        log?.Invoke($"tree and row order {watch.Elapsed.TotalSeconds:0.00} s");
        var lists = Descend(sorted, k, k, seed, random, log, cancellation);
        watch.Restart();
        // Back to the caller's row numbers.
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        for (int i = 0; i < n; i++)
        {
            int row = order[i];
            for (int t = 0; t < k; t++)
            {
                indices[(long)row * k + t] = order[lists.Indices[(long)i * k + t]];
                distances[(long)row * k + t] = DistanceScale.Unscale(lists.SquaredDistances[(long)i * k + t], scale);
            }
        }
        log?.Invoke($"back to row numbers {watch.Elapsed.TotalSeconds:0.00} s");
        return new NeighborLists(n, k, indices, distances);
    }

    private static PointSet Permute(PointSet points, int[] order)
    {
        int d = points.Dimension;
        var values = new float[points.Values.Length];
        for (int i = 0; i < order.Length; i++)
            points[order[i]].CopyTo(values.AsSpan(i * d, d));
        return new PointSet(values, d);
    }

    private static NeighborLists Descend(PointSet points, int k, int maxCandidates, int seed, Random random, Action<string>? log, CancellationToken cancellation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int n = points.Count;
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        var isNew = new bool[(long)n * k];
        var locks = Enumerable.Range(0, LockCount).Select(_ => new object()).ToArray();

        // Start: the rows of each leaf of a second tree are one another's candidates, the rest random rows.
        for (int i = 0; i < n; i++)
            TopK.Clear(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
        for (int tree = 0; tree < InitialTreeCount; tree++)
        {
            var leaves = RandomProjectionTree.Leaves(points, Math.Max(k + 1, 16), random);
            Parallel.ForEach(leaves, new ParallelOptions { CancellationToken = cancellation }, leaf =>
            {
                for (int a = 0; a < leaf.Length; a++)
                    for (int b = a + 1; b < leaf.Length; b++)
                        Join(leaf[a], leaf[b], VectorMath.SquaredDistance(points[leaf[a]], points[leaf[b]]));
            });
        }
        log?.Invoke($"seeding trees {watch.Elapsed.TotalSeconds:0.00} s");
        watch.Restart();
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var rowRandom = new Random(RowSeed(seed, i));
            var rowIndices = indices.AsSpan(i * k, k);
            while (rowIndices[k - 1] < 0)
            {
                int j = rowRandom.Next(n);
                if (j != i)
                    Insert(i, j, VectorMath.SquaredDistance(points[i], points[j]));
            }
            isNew.AsSpan(i * k, k).Fill(true);
        });

        var newCandidates = new int[(long)n * maxCandidates];
        var oldCandidates = new int[(long)n * maxCandidates];
        var newCounts = new int[n];
        var oldCounts = new int[n];
        var seen = new int[n];
        var sampler = random;
        log?.Invoke($"random fill {watch.Elapsed.TotalSeconds:0.00} s");
        for (int iteration = 0; iteration < MaximumNumberOfIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            watch.Restart();
            BuildCandidates(n, k, maxCandidates, indices, isNew, newCandidates, oldCandidates, newCounts, oldCounts, seen, sampler);
            double sampling = watch.Elapsed.TotalSeconds;
            watch.Restart();
            long updates = 0, pairs = 0;
            for (int i = 0; i < n; i++)
                pairs += (long)newCounts[i] * (newCounts[i] - 1) / 2 + (long)newCounts[i] * oldCounts[i];
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, () => 0L, (i, _, local) =>
            {
                var fresh = newCandidates.AsSpan(i * maxCandidates, newCounts[i]);
                var old = oldCandidates.AsSpan(i * maxCandidates, oldCounts[i]);
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
            log?.Invoke($"iteration {iteration + 1}: candidates {sampling:0.00} s, join {watch.Elapsed.TotalSeconds:0.00} s, {pairs / (double)n:0.0} distances a row, {updates / ((double)n * k):P2} updated");
            if (updates < StopFraction * n * k)
                break;
        }
        return new NeighborLists(n, k, indices, distances);

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

    /// <summary>
    /// Samples each row's candidates for the next join: its new and old neighbours and the rows listing it
    /// (reverse neighbours), at most k of each kind, by reservoir sampling; sampled new neighbours become old.
    /// </summary>
    private static void BuildCandidates(int n, int k, int m, int[] indices, bool[] isNew, int[] newCandidates, int[] oldCandidates,
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
            var list = candidates.AsSpan(row * m, counts[row]);
            if (list.Contains(candidate))
                return;
            int offeredSoFar = offered[row]++;
            if (counts[row] < m)
            {
                candidates[(long)row * m + counts[row]++] = candidate;
                return;
            }
            int slot = random.Next(offeredSoFar + 1);
            if (slot < m)
                candidates[(long)row * m + slot] = candidate;
        }
    }

    /// <summary>
    /// The seed of one row's random start: SplitMix64 of the seed and the row. Not <see cref="HashCode.Combine{T1, T2}"/>,
    /// which is randomized per process, so that one seed gives the same start in every process.
    /// </summary>
    internal static int RowSeed(int seed, int row)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)row) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}

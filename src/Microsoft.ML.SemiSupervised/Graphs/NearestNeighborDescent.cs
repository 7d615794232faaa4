namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Approximate k-nearest-neighbour search by NN-descent (Dong, Charikar and Li, "Efficient k-nearest neighbor graph
/// construction for generic similarity measures", WWW 2011): start each row with random neighbours, then repeatedly
/// compare the neighbours of each row (and the rows that list it) with one another, keeping any closer pair, until
/// an iteration improves fewer than <see cref="StopFraction"/> of the lists' entries.
/// </summary>
/// <remarks>
/// The rows are first put in the order of a random projection tree's leaves (neighbours close in memory). Each list
/// starts from the rows next to it in that order (a window of k, read in sequence) and from the rows of its leaves in a
/// few more trees (each built on every core, then joined: a tree's leaves share no row, so the start takes no lock; a
/// row's offers from one leaf are merged into its list at once), so few iterations are needed. Each iteration samples (<see cref="NeighborCandidates"/>) at most
/// <see cref="CandidatesFor"/> new and as many old candidates per row, forward and reverse, and compares new with new and
/// new with old, never old with old (the old pairs were compared before); a neighbour stays new until it has been
/// sampled. The joins compare rows on an 8-bit copy (<see cref="CompactRowDistances"/>, a quarter of the float rows' bytes,
/// so it stays in cache), and the lists are kept by its distances until the end, when each list is re-ranked by exact
/// distance; when the copy's distances on the start lists are off by more than <see cref="CompactTolerance"/> on average
/// (a feature stretched by outliers) the joins run on the float rows. The joins run block by block of rows: each worker
/// keeps its offers (<see cref="DeferredOffers"/>), then each part of the lists takes its offers on one thread, without
/// locks (an offer to a full buffer takes a striped spin lock). Each list keeps its k nearest offers with equal distances
/// ordered by row, which does not depend on the order the cores offer them in, and the candidates are sampled from the
/// lists and flags as they stood before the sampling, so one seed gives the same lists on any number of cores and at any
/// timing (a test compares one, two, three and four workers, the last beside busy cores).
/// After the last iteration up to <see cref="RefinePasses"/> passes (none by default) offer every row its neighbours'
/// neighbours (unsampled, each row into its own list, without locks); a pass after the first reads only the paths
/// through an entry that entered in the pass before.
/// </remarks>
internal static class NearestNeighborDescent
{
    /// <summary>The fraction of improved entries under which the search stops.</summary>
    public const double StopFraction = 0.001;

    /// <summary>The most iterations.</summary>
    public const int MaximumNumberOfIterations = 15;

    /// <summary>
    /// The most neighbours-of-neighbours passes after the iterations (each after the first reads only what changed). None
    /// by default: with <see cref="CandidatesFor"/> at 5k/3 the iterations alone found more than two passes after 18
    /// candidates did (1M rows x 20: 95.9 % of the 9 nearest, against 93.5 %), and a pass costs about a fifth of the search.
    /// </summary>
    public const int RefinePasses = 0;

    /// <summary>
    /// The number of random projection trees whose leaves seed the neighbour lists. At 1M rows x 20, whole searches
    /// with 2, 3, 4, 6 and 8 trees cost about the same CPU from 4 on (fewer trees, more and heavier iterations) at
    /// 95.9-96.2 % recall of the 9 nearest (docs/scaling.md); 4 keeps the start short.
    /// </summary>
    public const int InitialTreeCount = 4;

    /// <summary>
    /// How far (on average, relative) the 8-bit copy's distances may be from the exact ones on the start lists for the
    /// joins to run on it (see <see cref="CompactRowDistances"/>); beyond it they run on the float rows.
    /// </summary>
    public const double CompactTolerance = 0.1;

    private const int LockCount = 4096;

    private const int LockStride = 16; // ints in a 64-byte cache line

    private const byte New = 1;
    private const byte Entered = 2;

    /// <summary>
    /// The most new (and old) candidates sampled per row and iteration for lists of <paramref name="k"/>: two thirds more
    /// than the list is long (30 for lists of 18), at most 60. At 1M rows x 20 (lists of 18), 30 without a
    /// neighbours-of-neighbours pass against 18 with two: recall of the 9 nearest 95.9 % against 93.5 %, about a quarter
    /// less CPU (fewer iterations, no pass); docs/scaling.md has the curve.
    /// </summary>
    public static int CandidatesFor(int k) => Math.Min(5 * k / 3, 60);

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
    /// rows are so few that the search is exact). <paramref name="candidates"/> (0: <see cref="CandidatesFor"/>) and
    /// <paramref name="stopFraction"/>, <paramref name="refinePasses"/> (the neighbours-of-neighbours passes), <paramref name="seedingTrees"/>,
    /// <paramref name="window"/> (whether the lists start from the rows around each in leaf order) and
    /// <paramref name="refineReach"/> (how many of each neighbour's neighbours it reads; 0: all) are there for the benchmarks; <paramref name="log"/> hears the time of each phase.
    /// The search runs on at most <paramref name="workers"/> threads (0: one a core); the lists do not depend on how many.
    /// </summary>
    public static NeighborLists SearchLong(PointSet points, int wanted, int seed, out SearchTree? tree, int listFactor = 2, int candidates = 0,
        double stopFraction = StopFraction, int refinePasses = RefinePasses, int refineReach = 0, int seedingTrees = InitialTreeCount, bool window = true, int workers = 0, Action<string>? log = null, CancellationToken cancellation = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // A fixed number of workers: without a limit the thread pool adds threads while the joins wait on one another.
        var options = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = workers > 0 ? workers : Environment.ProcessorCount };
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
        tree = SearchTree.Build(points, OrderLeafSize(k), seed, options);
        var order = tree.LeafRows.ToArray();
        var sorted = Permute(points, order, options);
        Data.FitMemory.Release(NeighborSearchMemory.TreeBuild(n, OrderLeafSize(k)) - 4L * n); // the tree's garbage, its leaf rows kept (NeighborSearchMemory)
        log?.Invoke($"tree and row order {watch.Elapsed.TotalSeconds:0.00} s");
        var lists = Descend(sorted, k, candidates > 0 ? candidates : CandidatesFor(k), stopFraction, refinePasses, refineReach, seedingTrees, window, seed, log, options);
        sorted = null;
        Data.FitMemory.Release(4L * points.Values.Length); // the rows in leaf order
        watch.Restart();
        // Back to the caller's row numbers.
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        Parallel.For(0, n, options, i =>
        {
            int row = order[i];
            for (int t = 0; t < k; t++)
            {
                indices[(long)row * k + t] = order[lists.Indices[(long)i * k + t]];
                distances[(long)row * k + t] = lists.SquaredDistances[(long)i * k + t];
            }
            // Equal distances were ordered by leaf position: order them by the caller's row number, as promised (the
            // list is sorted by distance, so only ties move). On the scaled distances: unscaled ones of huge rows may all
            // overflow to infinity.
            SortList(indices.AsSpan(row * k, k), distances.AsSpan(row * k, k), default);
            for (int t = 0; t < k; t++)
                distances[(long)row * k + t] = DistanceScale.Unscale(distances[(long)row * k + t], scale);
        });
        log?.Invoke($"back to row numbers {watch.Elapsed.TotalSeconds:0.00} s");
        return new NeighborLists(n, k, indices, distances);
    }

    /// <summary>The most rows a leaf of the ordering tree holds for lists of <paramref name="k"/>.</summary>
    private static int OrderLeafSize(int k) => Math.Max(2 * (k + 1), 32);

    private static PointSet Permute(PointSet points, int[] order, ParallelOptions options)
    {
        int d = points.Dimension;
        var values = new float[points.Values.Length];
        Parallel.For(0, order.Length, options, i => points[order[i]].CopyTo(values.AsSpan(i * d, d)));
        return new PointSet(values, d);
    }

    private static NeighborLists Descend(PointSet points, int k, int maxCandidates, double stopFraction, int refinePasses, int refineReach, int seedingTrees, bool window, int seed, Action<string>? log,
        ParallelOptions options)
    {
        var cancellation = options.CancellationToken;
        int n = points.Count;
        var indices = new int[(long)n * k];
        var distances = new float[(long)n * k];
        var flags = new byte[(long)n * k]; // Old, New, or Entered (new, and entered in the current iteration)
        var thresholds = new float[n]; // each list's last distance, compact: the first look of every offer reads it
        Array.Fill(thresholds, float.PositiveInfinity);
        var locks = new int[LockCount * LockStride]; // one lock a cache line: the cores do not pass lines of locks to and fro
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Start: each row's nearest in the tree order the rows arrived in (a window of k around it, read in sequence), then
        // the rows of each leaf of a few more trees (one at a time, each from its own seed), then random rows. Every
        // start offer goes to lists no other core writes meanwhile (a row's own list; one tree's leaves, which share no
        // row), so it takes no lock; a row's offers from one leaf (or its window) are sorted and merged into its list at
        // once (MergeSorted), which leaves the list as offering them one by one would.
        int seedingLeafSize = Math.Max(k + 1, 16);
        int scratchSize = Math.Max(seedingLeafSize, k + 1);
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 4096), options, () => new StartScratch(scratchSize, k), (range, _, scratch) =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                TopK.Clear(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
                if (!window)
                    continue;
                int from = Math.Max(0, Math.Min(i - k / 2, n - 1 - k)), to = Math.Min(n - 1, from + k);
                int count = 0;
                var pi = points[i];
                for (int j = from; j <= to; j++)
                {
                    if (j == i)
                        continue;
                    scratch.Rows[count] = j;
                    scratch.Distances[count++] = VectorMath.SquaredDistance(pi, points[j]);
                }
                MergeSorted(i, count, scratch);
            }
            return scratch;
        }, _ => { });
        log?.Invoke($"window {watch.Elapsed.TotalSeconds:0.00} s");
        watch.Restart();
        // One tree at a time (each splits on every core), joined and dropped before the next is built.
        var starts = new List<int>();
        for (int tree = 0; tree < seedingTrees; tree++)
        {
            var rows = RandomProjectionTree.Leaves(points, seedingLeafSize, new Random(RowSeed(seed, ~tree)), starts, options);
            JoinLeaves(rows, starts);
        }
        Data.FitMemory.Release(NeighborSearchMemory.SeedingTrees(n, k)); // before the candidates (NeighborSearchMemory)
        log?.Invoke($"seeding trees built and joined {watch.Elapsed.TotalSeconds:0.00} s");
        watch.Restart();
        Parallel.For(0, n, options, i =>
        {
            var rowIndices = indices.AsSpan(i * k, k);
            if (rowIndices[k - 1] >= 0)
                return; // full: no random start (a Random costs a microsecond to seed)
            var rowRandom = new Random(RowSeed(seed, i));
            while (rowIndices[k - 1] < 0)
            {
                int j = rowRandom.Next(n);
                if (j != i)
                    Offer(i, j, VectorMath.SquaredDistance(points[i], points[j]));
            }
        });
        log?.Invoke($"random fill {watch.Elapsed.TotalSeconds:0.00} s");

        watch.Restart();
        var compact = CompactRowsForJoins(points, indices, distances, flags, thresholds, k, log, options);
        log?.Invoke($"8-bit rows {watch.Elapsed.TotalSeconds:0.00} s");

        NeighborCandidates? candidates = new NeighborCandidates(n, maxCandidates);
        int workers = options.MaxDegreeOfParallelism;
        int parts = DeferredOffers.PartsFor(workers);
        int partCapacity = DeferredPartCapacity(n, workers);
        long deferredCapacity = (long)workers * parts * partCapacity;
        int blockRows = 4096;
        var scratches = new JoinScratch?[workers];
        for (int iteration = 0; iteration < MaximumNumberOfIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            watch.Restart();
            // Entries that entered last iteration are new ones like the rest.
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0L, flags.LongLength, 1 << 16), options, range =>
                flags.AsSpan((int)range.Item1, (int)(range.Item2 - range.Item1)).Replace(Entered, New));
            ulong salt = unchecked((ulong)RowSeed(seed, iteration) * 0x9E3779B97F4A7C15UL);
            candidates!.Sample(indices, flags, k, salt, options);
            log?.Invoke($"iteration {iteration + 1}: candidates {watch.Elapsed.TotalSeconds:0.00} s");
            watch.Restart();
            long pairs = 0, offers = 0;
            // Block by block: the joins of a block keep their offers (no lock), then each part of the lists takes its
            // offers on one thread. A block is as many rows as the buffers hold offers of at the last block's rate.
            for (int blockStart = 0; blockStart < n;)
            {
                int blockEnd = (int)Math.Min(n, blockStart + blockRows), next = blockStart;
                // One buffer a worker; the workers take the block's rows 256 at a time.
                Parallel.For(0, workers, options, worker =>
                {
                    var scratch = scratches[worker] ??= new JoinScratch(2 * maxCandidates, points.Dimension, parts, partCapacity);
                    for (int start; (start = Interlocked.Add(ref next, 256) - 256) < blockEnd;)
                    {
                        for (int i = start; i < Math.Min(start + 256, blockEnd); i++)
                            JoinCandidates(candidates!.New(i), candidates.Old(i), scratch);
                    }
                });
                Parallel.For(0, parts, options, part =>
                {
                    foreach (var scratch in scratches)
                    {
                        if (scratch is not null)
                            ApplyDeferred(scratch.Deferred.Part(part));
                    }
                });
                long deferred = 0;
                foreach (var scratch in scratches)
                {
                    if (scratch is null)
                        continue;
                    pairs += scratch.Pairs;
                    offers += scratch.Offers;
                    deferred += scratch.Deferred.Count;
                    scratch.Reset();
                }
                // Half the buffers at the last block's rate (the parts fill unevenly); an offer to a full part is applied under a lock.
                double rate = Math.Max(1.0, deferred / (double)(blockEnd - blockStart));
                blockRows = (int)Math.Clamp(deferredCapacity / (2 * rate), 256, n);
                blockStart = blockEnd;
            }
            // The entries that entered this iteration: the lists' final contents do not depend on the order of the
            // joins (each keeps its k nearest offers, ties by row), so neither does this count.
            long updates = 0;
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0L, flags.LongLength, 1 << 16), options, () => 0L,
                (range, _, local) => local + flags.AsSpan((int)range.Item1, (int)(range.Item2 - range.Item1)).Count(Entered),
                local => Interlocked.Add(ref updates, local));
            log?.Invoke($"iteration {iteration + 1}: join {watch.Elapsed.TotalSeconds:0.00} s, " +
                $"{pairs / (double)n:0.0} distances and {offers / (double)n:0.0} offers a row, {updates / ((double)n * k):P2} of the entries updated");
            if (updates < stopFraction * n * k)
                break;
        }
        candidates = null;
        Array.Clear(scratches);
        Data.FitMemory.Release(NeighborSearchMemory.Candidates(n, k) + NeighborSearchMemory.JoinBuffers(n, workers));
        for (int pass = 0; pass < refinePasses; pass++)
        {
            watch.Restart();
            long entered = Refine(pass > 0);
            log?.Invoke($"neighbours of neighbours, pass {pass + 1}: {watch.Elapsed.TotalSeconds:0.00} s, {entered / ((double)n * k):P2} of the entries updated");
            if (entered < stopFraction * n * k)
                break;
        }
        if (compact is not null)
        {
            watch.Restart();
            compact = null;
            Data.FitMemory.Release(CompactRowDistances.Bytes(n, points.Dimension));
            // The lists' distances were the 8-bit copy's: each list's rows again by exact distance.
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 4096), options, range =>
            {
                int d = points.Dimension;
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    if (i + 1 < range.Item2)
                    {
                        for (int t = 0; t < k; t++)
                            VectorMath.Prefetch(points.Values, indices[(i + 1) * k + t] * d, d); // the next list's rows
                    }
                    for (int t = 0; t < k; t++)
                        distances[i * k + t] = VectorMath.SquaredDistance(points[i], points[indices[i * k + t]]);
                    SortList(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k), flags.AsSpan(i * k, k));
                }
            });
            log?.Invoke($"re-ranked by exact distances {watch.Elapsed.TotalSeconds:0.00} s");
        }
        return new NeighborLists(n, k, indices, distances);

        // The distance the lists hold: the 8-bit copy's while the joins run on it, else the exact one.
        float Distance(int a, int b) => compact is not null ? compact.SquaredDistance(a, b) : VectorMath.SquaredDistance(points[a], points[b]);

        // One pass over every row's neighbours' neighbours, all of them (the iterations sampled): a row offers them to its
        // own list only, from a copy of the lists as they stood, so the pass does not depend on the cores' timing. A pass
        // after the first reads only the paths through an entry the pass before it entered (the others it compared).
        // Returns the number of entries that entered.
        long Refine(bool onlyChanged)
        {
            var before = (int[])indices.Clone();
            var enteredBefore = onlyChanged ? (byte[])flags.Clone() : null;
            Array.Clear(flags); // from here an entry's flag says it entered in this pass
            int reach = refineReach > 0 ? Math.Min(refineReach, k) : k;
            long entered = 0;
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 1024), options, () => 0L, (range, _, count) =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    for (int t = 0; t < k; t++)
                    {
                        int j = before[i * k + t];
                        if (j < 0)
                            continue;
                        bool changed = enteredBefore is null || enteredBefore[i * k + t] == Entered;
                        for (int s = 0; s < reach; s++)
                        {
                            int l = before[j * k + s];
                            if (l < 0 || l == i || !(changed || enteredBefore![j * k + s] == Entered))
                                continue;
                            Offer(i, l, Distance(i, l));
                        }
                    }
                    count += flags.AsSpan(i * k, k).Count(Entered);
                }
                return count;
            }, count => Interlocked.Add(ref entered, count));
            return entered;
        }

        // Compares a row's new candidates with one another and with its old ones (not old with old), from a copy of their
        // rows and of their lists' last distances (a stale one only lets through offers the locked look rejects).
        void JoinCandidates(ReadOnlySpan<int> fresh, ReadOnlySpan<int> old, JoinScratch scratch)
        {
            if (fresh.Length == 0)
                return;
            var byteRows = compact; // a local: the copy, or null for the float rows
            int d = points.Dimension, count = fresh.Length + old.Length;
            var rows = scratch.Rows;
            var bytes = scratch.Bytes;
            var limits = scratch.Thresholds;
            var ids = scratch.Ids;
            fresh.CopyTo(ids);
            old.CopyTo(ids.AsSpan(fresh.Length));
            for (int c = 0; c < count; c++)
            {
                if (byteRows is not null)
                    byteRows.Prefetch(ids[c]);
                else
                    VectorMath.Prefetch(points.Values, ids[c] * d, d);
            }
            for (int c = 0; c < count; c++)
            {
                if (byteRows is not null)
                    byteRows.CopyRow(ids[c], bytes.AsSpan(c * d, d));
                else
                    points[ids[c]].CopyTo(rows.AsSpan(c * d, d));
                limits[c] = thresholds[ids[c]];
            }
            scratch.Pairs += (long)fresh.Length * (fresh.Length - 1) / 2 + (long)fresh.Length * old.Length;
            var pairDistances = scratch.Distances;
            for (int a = 0; a < fresh.Length; a++)
            {
                int u = ids[a];
                // The distances first, in a loop of their own (no branch between them), then the few offers.
                if (byteRows is not null)
                {
                    for (int b = a + 1; b < count; b++)
                        pairDistances[b] = byteRows.SquaredDistance(bytes, a, b);
                }
                else
                {
                    var pu = rows.AsSpan(a * d, d);
                    for (int b = a + 1; b < count; b++)
                        pairDistances[b] = VectorMath.SquaredDistance(pu, rows.AsSpan(b * d, d));
                }
                float limit = limits[a];
                for (int b = a + 1; b < count; b++)
                {
                    float distance = pairDistances[b];
                    if (distance > limit && distance > limits[b])
                        continue;
                    int v = ids[b];
                    if (u == v)
                        continue;
                    if (distance <= limit)
                    {
                        scratch.Offers++;
                        if (!scratch.Deferred.TryAdd(u, v, distance))
                            Insert(u, v, distance);
                    }
                    if (distance <= limits[b])
                    {
                        scratch.Offers++;
                        if (!scratch.Deferred.TryAdd(v, u, distance))
                            Insert(v, u, distance);
                    }
                }
            }
        }

        // Applies one part's kept offers (no other thread writes the part's lists meanwhile), asking for the lists of the
        // offer a few ahead first so that the cache misses overlap.
        void ApplyDeferred(ReadOnlySpan<PendingOffer> pending)
        {
            const int ahead = 8;
            for (int e = 0; e < pending.Length; e++)
            {
                if (e + ahead < pending.Length)
                {
                    var next = pending[e + ahead];
                    if (next.Distance <= thresholds[next.Target])
                    {
                        VectorMath.Prefetch(distances, next.Target * k, k);
                        VectorMath.Prefetch(indices, next.Target * k, k);
                    }
                }
                var offer = pending[e];
                Offer(offer.Target, offer.Candidate, offer.Distance);
            }
        }

        // Every pair of each leaf (leaf l: rows[starts[l] .. starts[l + 1] - 1]), each row's offers merged at once; the
        // next leaf's rows and lists asked for ahead.
        void JoinLeaves(int[] rows, List<int> starts)
        {
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, starts.Count - 1, 256), options, () => new StartScratch(scratchSize, k), (range, _, scratch) =>
            {
                for (int l = range.Item1; l < range.Item2; l++)
                {
                    int start = starts[l], length = starts[l + 1] - start;
                    if (l + 1 < range.Item2)
                        PrefetchLists(rows.AsSpan(starts[l + 1], starts[l + 2] - starts[l + 1]));
                    var leaf = rows.AsSpan(start, length);
                    var pairs = scratch.Pairs;
                    for (int a = 0; a < length; a++)
                    {
                        var pa = points[leaf[a]];
                        for (int b = a + 1; b < length; b++)
                            pairs[a * length + b] = pairs[b * length + a] = VectorMath.SquaredDistance(pa, points[leaf[b]]);
                    }
                    for (int a = 0; a < length; a++)
                    {
                        int count = 0;
                        for (int b = 0; b < length; b++)
                        {
                            if (b == a)
                                continue;
                            scratch.Rows[count] = leaf[b];
                            scratch.Distances[count++] = pairs[a * length + b];
                        }
                        MergeSorted(leaf[a], count, scratch);
                    }
                }
                return scratch;
            }, _ => { });
        }

        // Merges a row's offers (scratch.Rows and scratch.Distances, the first count) into its list at once: the list's k
        // nearest of its entries and the offers (equal distances by row, rows already listed not twice), offers that enter
        // marked as entered. Only for lists no other core writes meanwhile.
        void MergeSorted(int row, int count, StartScratch scratch)
        {
            int first = row * k;
            var rowIndices = indices.AsSpan(first, k);
            var rowDistances = distances.AsSpan(first, k);
            var rowFlags = flags.AsSpan(first, k);
            var offerRows = scratch.Rows;
            var offerDistances = scratch.Distances;
            // Only the offers that would enter: nearer than the last entry and not listed; sorted (few: insertion sort).
            int kept = 0;
            float lastDistance = rowDistances[k - 1];
            int lastIndex = rowIndices[k - 1];
            for (int c = 0; c < count; c++)
            {
                int candidate = offerRows[c];
                float distance = offerDistances[c];
                if (!Before(distance, candidate, lastDistance, lastIndex) || rowIndices.Contains(candidate))
                    continue;
                int position = kept++;
                while (position > 0 && Before(distance, candidate, offerDistances[position - 1], offerRows[position - 1]))
                {
                    offerDistances[position] = offerDistances[position - 1];
                    offerRows[position] = offerRows[position - 1];
                    position--;
                }
                offerDistances[position] = distance;
                offerRows[position] = candidate;
            }
            if (kept == 0)
                return;
            var oldIndices = scratch.OldIndices;
            var oldDistances = scratch.OldDistances;
            var oldFlags = scratch.OldFlags;
            rowIndices.CopyTo(oldIndices);
            rowDistances.CopyTo(oldDistances);
            rowFlags.CopyTo(oldFlags);
            for (int t = 0, p = 0, q = 0; t < k; t++)
            {
                if (q < kept && Before(offerDistances[q], offerRows[q], oldDistances[p], oldIndices[p]))
                {
                    rowIndices[t] = offerRows[q];
                    rowDistances[t] = offerDistances[q++];
                    rowFlags[t] = Entered;
                }
                else
                {
                    rowIndices[t] = oldIndices[p];
                    rowDistances[t] = oldDistances[p];
                    rowFlags[t] = oldFlags[p++];
                }
            }
            thresholds[row] = rowDistances[k - 1];
        }

        // Asks for the rows, lists and last distances of a leaf about to be joined, so their cache misses overlap.
        void PrefetchLists(ReadOnlySpan<int> leaf)
        {
            int d = points.Dimension;
            foreach (int row in leaf)
            {
                VectorMath.Prefetch(points.Values, row * d, d);
                VectorMath.Prefetch(indices, row * k, k);
                VectorMath.Prefetch(distances, row * k, k);
                VectorMath.Prefetch(flags, row * k, k);
                VectorMath.Prefetch(thresholds, row, 1);
            }
        }

        // Offers a candidate to a row's list under the row's lock, for joins whose offers reach any row from any core.
        void Insert(int row, int candidate, float distance)
        {
            // Unlocked first look: a list's last distance only falls, so a stale one lets through only offers the lock rejects.
            if (distance > thresholds[row])
                return;
            ref int gate = ref locks[(row & (LockCount - 1)) * LockStride];
            var spin = default(SpinWait);
            while (Interlocked.CompareExchange(ref gate, 1, 0) != 0)
                spin.SpinOnce();
            Offer(row, candidate, distance);
            Volatile.Write(ref gate, 0);
        }

        // Offers a candidate to a row's list, unlocked: only for lists no other core writes meanwhile.
        void Offer(int row, int candidate, float distance)
        {
            if (distance > thresholds[row])
                return;
            int first = row * k;
            var rowIndices = indices.AsSpan(first, k);
            var rowDistances = distances.AsSpan(first, k);
            if (Before(distance, candidate, rowDistances[k - 1], rowIndices[k - 1]) && !rowIndices.Contains(candidate))
            {
                var rowFlags = flags.AsSpan(first, k);
                int position = k - 1;
                while (position > 0 && Before(distance, candidate, rowDistances[position - 1], rowIndices[position - 1]))
                {
                    rowDistances[position] = rowDistances[position - 1];
                    rowIndices[position] = rowIndices[position - 1];
                    rowFlags[position] = rowFlags[position - 1];
                    position--;
                }
                rowDistances[position] = distance;
                rowIndices[position] = candidate;
                rowFlags[position] = Entered;
                thresholds[row] = rowDistances[k - 1];
            }
        }
    }

    /// <summary>The working memory of one thread's start: a leaf's pair distances, a row's offers, a copy of its list.</summary>
    private sealed class StartScratch
    {
        public StartScratch(int leafSize, int k)
        {
            Pairs = new float[leafSize * leafSize];
            Rows = new int[leafSize];
            Distances = new float[leafSize];
            OldIndices = new int[k];
            OldDistances = new float[k];
            OldFlags = new byte[k];
        }

        public float[] Pairs { get; }

        public int[] Rows { get; }

        public float[] Distances { get; }

        public int[] OldIndices { get; }

        public float[] OldDistances { get; }

        public byte[] OldFlags { get; }
    }

    /// <summary>The working memory of one thread's joins: the candidates' rows (floats or 8-bit) and their lists' last distances.</summary>
    private sealed class JoinScratch
    {
        public JoinScratch(int capacity, int dimension, int parts, int partCapacity)
        {
            Deferred = new DeferredOffers(parts, partCapacity);
            Ids = new int[capacity];
            Rows = new float[capacity * dimension];
            Bytes = new byte[capacity * dimension + 8];
            Thresholds = new float[capacity];
            Distances = new float[capacity];
        }

        public float[] Distances { get; }

        public int[] Ids { get; }

        public DeferredOffers Deferred { get; }

        public byte[] Bytes { get; }

        public float[] Rows { get; }

        public float[] Thresholds { get; }

        public long Pairs { get; set; }

        public long Offers { get; set; }

        /// <summary>Forgets the offers and counts of the last block.</summary>
        public void Reset()
        {
            Deferred.Clear();
            Pairs = 0;
            Offers = 0;
        }
    }

    /// <summary>
    /// The 8-bit copy of the rows for the joins, with every list's distances taken from it (and re-sorted); null, and the
    /// lists left as they are, when the copy's distances on the start lists of up to 4,096 rows spread over the set are
    /// off from the exact ones by more than <see cref="CompactTolerance"/> on average (a feature whose few outlying values
    /// stretch its grid far beyond where the other rows lie).
    /// </summary>
    private static CompactRowDistances? CompactRowsForJoins(PointSet points, int[] indices, float[] distances, byte[] flags, float[] thresholds, int k,
        Action<string>? log, ParallelOptions options)
    {
        int n = points.Count;
        var compact = CompactRowDistances.Create(points, options);
        int sample = Math.Min(n, 4096);
        double error = 0;
        long pairs = 0;
        for (int s = 0; s < sample; s++)
        {
            int i = (int)((long)s * n / sample);
            for (int t = 0; t < k; t++)
            {
                float exact = distances[i * k + t];
                if (indices[i * k + t] >= 0 && exact > 0 && float.IsFinite(exact))
                {
                    error += Math.Abs(compact.SquaredDistance(i, indices[i * k + t]) - exact) / exact;
                    pairs++;
                }
            }
        }
        error = pairs > 0 ? error / pairs : 0;
        bool use = error <= CompactTolerance;
        log?.Invoke($"8-bit distances off by {error:P2} on average on the start lists: the joins on {(use ? "8-bit rows" : "floats")}");
        if (!use)
            return null;
        Parallel.For(0, n, options, i =>
        {
            for (int t = 0; t < k; t++)
            {
                int j = indices[i * k + t];
                distances[i * k + t] = j >= 0 ? compact.SquaredDistance(i, j) : float.PositiveInfinity;
            }
            SortList(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k), flags.AsSpan(i * k, k));
            thresholds[i] = distances[i * k + k - 1];
        });
        return compact;
    }

    /// <summary>
    /// The offers a part of one thread's buffer holds (<see cref="DeferredOffers"/>): together, the threads' buffers hold
    /// 2 offers a row, at most 2,097,152 (24 MB), and each part at least 64.
    /// </summary>
    internal static int DeferredPartCapacity(long n, int workers) =>
        (int)Math.Max(64, Math.Min(2 * n, 1 << 21) / workers / DeferredOffers.PartsFor(workers));

    /// <summary>Sorts one list, its flags alongside (when given), nearer first and equal distances by row (an insertion sort: the lists are short and mostly in order).</summary>
    private static void SortList(Span<int> rows, Span<float> rowDistances, Span<byte> rowFlags)
    {
        bool flags = !rowFlags.IsEmpty;
        for (int t = 1; t < rows.Length; t++)
        {
            int row = rows[t];
            float distance = rowDistances[t];
            byte flag = flags ? rowFlags[t] : default;
            int position = t;
            while (position > 0 && Before(distance, row, rowDistances[position - 1], rows[position - 1]))
            {
                rows[position] = rows[position - 1];
                rowDistances[position] = rowDistances[position - 1];
                if (flags)
                    rowFlags[position] = rowFlags[position - 1];
                position--;
            }
            rows[position] = row;
            rowDistances[position] = distance;
            if (flags)
                rowFlags[position] = flag;
        }
    }

    /// <summary>Whether (distance, row) sorts before (other distance, other row): nearer first, equal distances by row.</summary>
    private static bool Before(float distance, int row, float otherDistance, int otherRow) =>
        distance < otherDistance || (distance == otherDistance && row < otherRow);

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

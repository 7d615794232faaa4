namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// The bytes the approximate neighbour search and the search index allocate, phase by phase, read off their code:
/// one place for the memory plan and the tests to take them from. Each phase counts every array its code allocates
/// as held until the phase ends (an upper bound whenever the collector runs), and the search gives its garbage back
/// (<see cref="Data.FitMemory.Release"/>) between phases. When the code of a phase changes what it allocates, change its
/// line here; <c>NeighborSearchMemoryTests</c> compares these with the bytes the code allocates.
/// </summary>
/// <remarks>
/// n rows, d features, k = the lists' length while searching, <c>c = NearestNeighborDescent.CandidatesFor(k)</c>,
/// D = the index's links a row. Not counted: the scaled copy of the rows (4nd) <see cref="DistanceScale"/> makes when
/// squared distances would overflow Single (rows of values beyond about 1e18).
/// </remarks>
internal static class NeighborSearchMemory
{
    /// <summary>
    /// <see cref="SearchTree.Build"/> over n rows (leaves of <paramref name="leafSize"/>), split in place
    /// (<see cref="RandomProjectionTree.Build"/>): the row numbers (4 bytes a row, kept as the tree's leaf rows) and its
    /// nodes and leaves in lists while they grow and when the parts grown side by side are appended (at most five copies
    /// of a node's 16 bytes, about one node a leaf, over leaves of at least a quarter of <paramref name="leafSize"/>).
    /// </summary>
    public static long TreeBuild(long n, int leafSize) => 4 * n + 5 * 16 * (4 * n / Math.Max(1, leafSize) + 1);

    /// <summary>A search tree kept: its leaf rows (4 bytes a row) and its nodes (about one per leaf, 16 bytes, over leaves of at least a quarter of <paramref name="leafSize"/>).</summary>
    public static long Tree(long n, int leafSize) => 4 * n + 16 * (4 * n / Math.Max(1, leafSize) + 1);

    /// <summary>NN-descent's lists while searching: index, distance and flag (9 bytes an entry) and each list's last distance (4 bytes a row).</summary>
    public static long SearchLists(long n, long k) => 9 * n * k + 4 * n;

    /// <summary>
    /// The seeding trees (<see cref="NearestNeighborDescent.InitialTreeCount"/> of <see cref="RandomProjectionTree.Leaves"/>,
    /// built and joined one after another): each its row numbers (4 bytes a row) and its nodes and leaves as
    /// <see cref="TreeBuild"/> counts them, plus its leaf starts (4 bytes a leaf, twice); every tree counted as held until
    /// the start ends (only one is live at a time). Leaves of at least a quarter of <c>max(k + 1, 16)</c> rows.
    /// </summary>
    public static long SeedingTrees(long n, long k)
    {
        long leaves = 4 * n / Math.Max(k + 1, 16) + 1;
        return NearestNeighborDescent.InitialTreeCount * (4 * n + 5 * 16 * leaves + 8 * leaves);
    }

    /// <summary><see cref="NeighborCandidates"/> for lists of <paramref name="k"/>: new and old candidates (4 bytes each), counts and priorities (10 bytes a row).</summary>
    public static long Candidates(long n, long k) => 8 * n * NearestNeighborDescent.CandidatesFor((int)Math.Min(k, int.MaxValue)) + 10 * n;

    /// <summary>The 8-bit copy of the rows the joins read (<see cref="CompactRowDistances"/>): a byte a feature, for rows of <paramref name="features"/> bytes of floats.</summary>
    public static long JoinRows(long n, long features) => n > 0 ? CompactRowDistances.Bytes(n, features / (4 * n)) : 0;

    /// <summary>
    /// The joins' buffers of kept offers (<see cref="DeferredOffers"/>), one a worker (<paramref name="workers"/>, the
    /// cores by default), 12 bytes an offer: together about 2 offers a row, at most 2,097,152 (24 MB).
    /// </summary>
    public static long JoinBuffers(long n, int workers) =>
        workers * DeferredOffers.Bytes(DeferredOffers.PartsFor(workers), NearestNeighborDescent.DeferredPartCapacity(n, workers));

    /// <summary>Lists of <paramref name="k"/> neighbours (<see cref="NeighborLists"/>): an index and a squared distance an entry.</summary>
    public static long Lists(long n, long k) => 8 * n * k;

    /// <summary>
    /// The bytes live at each phase of <see cref="NearestNeighborDescent.SearchLong"/> beside the caller's rows
    /// (<paramref name="features"/> bytes, counted by the caller): its largest phase.
    /// </summary>
    public static (long Bytes, string Phase) SearchPeak(long n, long features, long k)
    {
        int leafSize = (int)Math.Max(2 * (k + 1), 32);
        long tree = Tree(n, leafSize);
        long order = 4 * n;
        (long, string)[] phases =
        [
            // The tree (its garbage), the order and the rows copied in leaf order.
            (TreeBuild(n, leafSize) + tree + order + features, "tree and row order"),
            // The copy, the order and tree, the lists and the seeding trees (collected once the lists are seeded).
            (features + order + tree + SearchLists(n, k) + SeedingTrees(n, k), "start"),
            // The copy, the order and tree, the lists, the candidates, the 8-bit copy and the joins' buffers.
            (features + order + tree + SearchLists(n, k) + Candidates(n, k) + JoinRows(n, features) + JoinBuffers(n, Environment.ProcessorCount), "iterations"),
            // The neighbours-of-neighbours pass: a copy of the lists' indices.
            (features + order + tree + SearchLists(n, k) + 4 * n * k, "neighbours of neighbours"),
            // Back to the caller's row numbers (the copy of the rows gone).
            (order + tree + SearchLists(n, k) + Lists(n, k), "back to row numbers"),
        ];
        return phases.MaxBy(p => p.Item1);
    }

    /// <summary>What <see cref="NearestNeighborDescent.SearchLong"/> leaves as garbage beside the lists it returns: the lists in leaf order and the order.</summary>
    public static long GarbageAfterSearch(long n, long k) => SearchLists(n, k) + 4 * n;

    /// <summary>
    /// <see cref="NeighborGraphIndex.Build(PointSet, NeighborLists, SearchTree?, int, CancellationToken)"/>: links and their distances (8 bytes a link), then the index itself (its
    /// rows in leaf order, the links in leaf order, each position's row) and each row's position while it is made.
    /// </summary>
    public static long IndexBuild(long n, long features, int degree) => 8 * n * degree + Index(n, features, degree) + 4 * n;

    /// <summary>What <see cref="NeighborGraphIndex.Build(PointSet, NeighborLists, SearchTree?, int, CancellationToken)"/> leaves as garbage: the links and distances by row, the positions.</summary>
    public static long IndexBuildGarbage(long n, int degree) => 8 * n * degree + 4 * n;

    /// <summary>
    /// A search index kept by the model: its copy of the rows in leaf order (<paramref name="features"/> bytes), links
    /// (4 bytes each), each position's row (4 bytes a row) and its tree (leaves of <see cref="NeighborGraphIndex.LeafSize"/>,
    /// or NN-descent's tree, whose leaves are at least as large).
    /// </summary>
    public static long Index(long n, long features, int degree) => features + 4 * n * degree + 4 * n + Tree(n, NeighborGraphIndex.LeafSize);

    private static int CeilingLog2(long value) => 64 - (int)long.LeadingZeroCount(value - 1);
}

using System.Globalization;
using System.Numerics;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// What a fit over dense rows will hold in memory, planned from the row count, the features, the classes and the
/// options before the large arrays are allocated: the bytes live at each step of the fit, the peak, and a clear refusal
/// when the peak is more than the process can use or a size is more than one .NET array holds.
/// </summary>
/// <remarks>
/// Each step counts the arrays its code allocates, with n rows, d features, C classes, m = the other neighbours a row
/// lists (NumberOfNeighbors, minus 1 with self-loops), K = the lists NN-descent keeps while searching (2m) and
/// D = <see cref="Graphs.NeighborGraphIndex.MaximumDegree"/> links a row in the search index. The features (4nd bytes)
/// are held once from the load to the model (the model keeps the same array). Each step counts every array its code
/// allocates as held until the step ends, from the size functions beside that code (<see cref="NeighborSearchMemory"/>,
/// <see cref="SparseGraph.Bytes"/>, <see cref="LabelIteration.Bytes"/>); between steps the fit collects the garbage
/// (<see cref="Data.FitMemory"/>), so no step carries an earlier one's. When a step's code changes what it allocates,
/// change its size function; the <c>ten-million</c> benchmark runner prints the plan beside each step's measured peak.
/// </remarks>
internal sealed class LabelPropagationMemoryPlan
{
    /// <summary>
    /// The process beside the managed arrays: the runtime, the JIT-compiled code, ML.NET, the thread stacks and the
    /// cursor's buffers (about 70 MB resident beyond the managed heap in the 1M and 2M fits of docs/scaling.md).
    /// </summary>
    public const long RuntimeBytes = 100_000_000;

    /// <summary>
    /// The resident memory beyond the largest step's arrays, per byte of them: the collector's own tables, the memory it
    /// keeps committed after a collection, the small objects of the fit. Measured: the peak resident set of 1M and 2M
    /// fits was 1.01-1.16 times the largest step's arrays plus <see cref="RuntimeBytes"/>, of the 10M fit 1.19 times
    /// (docs/scaling.md); a quarter keeps the plan above all three. The steps count every array as held until the step
    /// ends, and the fit collects between steps (<see cref="Data.FitMemory"/>).
    /// </summary>
    public const double CollectorOverhead = 0.25;

    private readonly GraphLabelingOptions _options;
    private readonly string _name;

    private LabelPropagationMemoryPlan(GraphLabelingOptions options, string name, long rowCount, int featureCount, int classCount,
        IReadOnlyList<(string Step, long Bytes)> steps)
    {
        _options = options;
        _name = name;
        RowCount = rowCount;
        FeatureCount = featureCount;
        ClassCount = classCount;
        Steps = steps;
        var largest = steps.MaxBy(s => s.Bytes);
        PeakStep = largest.Step;
        double peak = largest.Bytes * (1 + CollectorOverhead) + RuntimeBytes;
        PeakBytes = peak >= long.MaxValue ? long.MaxValue : (long)peak;
    }

    /// <summary>The rows planned for.</summary>
    public long RowCount { get; }

    /// <summary>The features of a row.</summary>
    public int FeatureCount { get; }

    /// <summary>The classes.</summary>
    public int ClassCount { get; }

    /// <summary>Each step of the fit and the bytes its arrays hold (live together) at its largest.</summary>
    public IReadOnlyList<(string Step, long Bytes)> Steps { get; }

    /// <summary>The step with the most bytes live.</summary>
    public string PeakStep { get; }

    /// <summary>The memory the fit needs at its peak: the largest step, the collector's margin and the runtime.</summary>
    public long PeakBytes { get; }

    /// <summary>
    /// The plan of a fit over <paramref name="rowCount"/> dense rows of <paramref name="featureCount"/> values with
    /// <paramref name="classCount"/> classes under <paramref name="options"/>; <paramref name="rowCountKnown"/>: whether the
    /// rows are read into one array allocated up front (else into chunks joined at the end, the features held twice).
    /// </summary>
    public static LabelPropagationMemoryPlan For(GraphLabelingOptions options, string name, long rowCount, int featureCount, int classCount,
        bool rowCountKnown = true)
    {
        try
        {
            return new LabelPropagationMemoryPlan(options, name, rowCount, featureCount, classCount,
                PlanSteps(options, rowCount, featureCount, classCount, rowCountKnown));
        }
        catch (OverflowException)
        {
            // Sizes whose bytes do not fit 64 bits: no machine has them (ThrowIfTooLarge then names the array too large).
            return new LabelPropagationMemoryPlan(options, name, rowCount, featureCount, classCount, [("the features", long.MaxValue)]);
        }
    }

    private static List<(string Step, long Bytes)> PlanSteps(GraphLabelingOptions options, long rowCount, int featureCount, int classCount, bool rowCountKnown)
    {
        checked
        {
            long n = rowCount;
            long features = 4 * n * featureCount;
            long labels = 4 * n; // each row's class (int), from the load to the model
            var steps = new List<(string Step, long Bytes)>
            {
                // DenseLabeledRows.Load: the features (twice while chunks are joined), the label column's values (doubles in a
                // list that doubles as it grows: at most 16 bytes a row, 24 while it grows) and the classes.
                ("reading the rows", features * (rowCountKnown ? 1 : 2) + 24 * n + labels),
            };
            long held = features + labels; // what every later step holds
            long graph; // the graph the iteration multiplies by, alive until the report is written
            if (options.Kernel == LabelPropagationKernel.Rbf)
            {
                // DenseGraph.Rbf: n^2 weights; then the iteration's two double distributions.
                graph = 4 * n * n;
                steps.Add(("the dense RBF graph", held + graph + LabelIteration.Bytes(n, classCount)));
            }
            else
            {
                long m = LabelPropagationGraph.NeighborsToFind(options);
                bool approximate = LabelPropagationGraph.UsesApproximateSearch(options, (int)Math.Min(rowCount, int.MaxValue));
                long lists = NeighborSearchMemory.Lists(n, m);
                if (approximate)
                {
                    long k = Math.Min(2 * m, Math.Max(n - 1, 1));
                    int degree = (int)Math.Min(NeighborGraphIndex.MaximumDegree, Math.Max(n - 1, 1));
                    long longLists = NeighborSearchMemory.Lists(n, k);
                    // NearestNeighborDescent.SearchLong, phase by phase (NeighborSearchMemory).
                    var (search, phase) = NeighborSearchMemory.SearchPeak(n, features, k);
                    steps.Add(($"the neighbour search (NN-descent, {phase})", held + search));
                    // The search index: the fit keeps the long lists and the tree, and the model makes its links and what
                    // its search reads at its first new row or save (NeighborGraphIndex), beside them. Counted here, with
                    // what the fit holds at this point, so that a fit is refused when its model could not make its index.
                    steps.Add(("the search index, made at the first new row or save", held + longLists + NeighborSearchMemory.Tree(n, (int)Math.Max(2 * (k + 1), 32))
                        + NeighborSearchMemory.IndexBuild(n, features, degree)));
                    held += NeighborSearchMemory.Index(n, features, degree);
                    // NeighborLists.Cut: the lists cut to m beside the long ones.
                    steps.Add(("cutting the lists", held + longLists + lists));
                }
                else
                {
                    // ExactNeighborSearch.Search: the lists of m (index and distance).
                    steps.Add(("the neighbour search (exact)", held + lists));
                }
                long entries = GraphEntries(options, n, m);
                // SparseGraph.FromNeighbors beside the lists: entries counted first, allocated once.
                steps.Add(("the graph", held + lists + SparseGraph.Bytes(n, entries)));
                graph = SparseGraph.GraphBytes(n, entries);
                if (options is LabelSpreadingOptions)
                    steps.Add(("normalizing the graph", held + graph + SparseGraph.NormalizeBytes(n)));
                // LabelIteration.Run: two double distributions over the graph.
                steps.Add(("the iteration", held + graph + LabelIteration.Bytes(n, classCount)));
            }
            // The Single distributions (LabelIteration.Run's result) from here on; UnreachedRowLabeling: each row's reached flag,
            // the unreached rows and the donors (at most 1 + 8 + 4 bytes a row); LabelPropagationModel: each row's labeled flag and
            // StoredRowLookup's hash table (a power of two over 2n rows) and its duplicate groups (two ints a row).
            long distributions = 4 * n * classCount;
            steps.Add(("the fallback", held + graph + distributions + 13 * n));
            long table = 4 * (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(2 * n, 1));
            steps.Add(("the fitted model", held + graph + distributions + n + table + 8 * n));
            return steps;
        }
    }

    /// <summary>The graph's entries at most: self-loops, m neighbours a row and, symmetrized, m more.</summary>
    private static long GraphEntries(GraphLabelingOptions options, long n, long m) =>
        n * (m + (options.SelfLoops ? 1 : 0)) + (options.SymmetrizeGraph ? n * m : 0);

    /// <summary>One line for the log: the peak, where it is, and the memory available.</summary>
    public string Describe(long availableBytes) => string.Format(CultureInfo.InvariantCulture,
        "{0} on {1:N0} rows x {2} features ({3} classes) plans {4:0.00} GB at its peak ({5}); {6:0.0} GB available.",
        _name, RowCount, FeatureCount, ClassCount, PeakBytes / 1e9, PeakStep, availableBytes / 1e9);

    /// <summary>
    /// Throws when an array of the fit would hold more elements than a .NET array can, or the peak is more than
    /// <paramref name="availableBytes"/>, naming the column or option and what to change.
    /// </summary>
    /// <exception cref="InvalidOperationException">The fit will not fit.</exception>
    public void ThrowIfTooLarge(long availableBytes)
    {
        long n = RowCount;
        ThrowIfOverArray(n * FeatureCount, string.Format(CultureInfo.InvariantCulture,
            "the features of feature column '{0}' ({1:N0} rows x {2} values)", _options.FeatureColumnName, n, FeatureCount),
            "Use fewer rows, or reduce the features first (e.g. ProjectToPrincipalComponents).");
        ThrowIfOverArray(n * ClassCount, string.Format(CultureInfo.InvariantCulture,
            "the class distributions of label column '{0}' ({1:N0} rows x {2} classes)", _options.LabelColumnName, n, ClassCount),
            "Use fewer rows or fewer classes.");
        if (_options.Kernel == LabelPropagationKernel.Rbf)
        {
            Graphs.DenseGraph.CheckFits((int)Math.Min(n, int.MaxValue), availableBytes); // its own message, naming the sparse kernels
        }
        else
        {
            long m = LabelPropagationGraph.NeighborsToFind(_options);
            long k = LabelPropagationGraph.UsesApproximateSearch(_options, (int)Math.Min(n, int.MaxValue)) ? 2 * m : m;
            ThrowIfOverArray(Math.Max(n * k, GraphEntries(_options, n, m)), string.Format(CultureInfo.InvariantCulture,
                "the neighbour lists of NumberOfNeighbors = {0} ({1:N0} rows x {2} entries while searching)", _options.NumberOfNeighbors, n, k),
                "Lower NumberOfNeighbors or use fewer rows.");
        }
        if (PeakBytes <= availableBytes)
            return;
        throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
            "{0} on {1:N0} rows x {2} features of feature column '{3}' ({4} classes, NumberOfNeighbors = {5}) needs about {6:0.0} GB at its " +
            "peak ({7}); this process can use {8:0.0} GB (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes: the GC heap limit or the " +
            "machine's memory). Use fewer rows (e.g. mlContext.Data.TakeRows or a sample of the unlabeled rows), reduce the features first " +
            "(e.g. ProjectToPrincipalComponents), lower NumberOfNeighbors, or run where more memory is available (a higher " +
            "DOTNET_GCHeapHardLimit, a larger machine; docs/scaling.md has the formula).",
            _name, n, FeatureCount, _options.FeatureColumnName, ClassCount, _options.NumberOfNeighbors, PeakBytes / 1e9, PeakStep,
            availableBytes / 1e9));
    }

    private void ThrowIfOverArray(long elements, string what, string fix)
    {
        if (elements <= Array.MaxLength)
            return;
        throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
            "{0} on {1}: {2:N0} values, more than one .NET array holds (Array.MaxLength = {3:N0}). {4}",
            _name, what, elements, Array.MaxLength, fix));
    }
}

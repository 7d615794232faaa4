using System.Globalization;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// Label propagation or label spreading: builds a similarity graph over every row, labeled or not, spreads the
/// known labels along it, and fits a <see cref="LabelPropagationTransformer"/> that writes ML.NET's multiclass
/// outputs (PredictedLabel, Score) and each row's label in the label's own type and confidence.
/// </summary>
/// <remarks>
/// <format type="text/markdown"><![CDATA[
/// ### Estimator characteristics
/// |  |  |
/// | -- | -- |
/// | Machine learning task | Semi-supervised multiclass labeling: transductive on the fitted rows, inductive on new rows |
/// | Is normalization required? | Yes, in effect: rows are compared by Euclidean distance, so features should share a scale (or by cosine, `Metric = Cosine`, which ignores each row's length) |
/// | Is caching required? | No: every row is read once, into memory |
/// | Required NuGet in addition to Microsoft.ML | None |
/// | Exportable to ONNX | No |
/// ]]></format>
/// <para>
/// Created by <c>mlContext.SemiSupervised.LabelPropagation(...)</c> or <c>mlContext.SemiSupervised.LabelSpreading(...)</c>.
/// Rows whose label is missing (NaN, the missing key, empty text) are the ones to label.
/// </para>
/// <para>
/// The graph links each row to its <c>NumberOfNeighbors</c> nearest rows (weight 1, or an RBF weight), or every pair
/// of rows with RBF weights. Label propagation (Zhu and Ghahramani, 2002) repeatedly sets each unlabeled row's class
/// distribution to the weighted average of its neighbours', labeled rows clamped, which converges to the harmonic
/// solution. Label spreading (Zhou et al., 2004) repeats <c>F = alpha * S * F + (1 - alpha) * Y</c> over the
/// normalized graph <c>S = D^-1/2 W D^-1/2</c>, converging to <c>(I - alpha S)^-1 Y</c>; labeled rows may change.
/// Both follow scikit-learn's <c>LabelPropagation</c> and <c>LabelSpreading</c>.
/// </para>
/// </remarks>
public sealed partial class LabelPropagationEstimator : IEstimator<LabelPropagationTransformer>
{
    private readonly MLContext _context;
    private readonly GraphLabelingOptions _options;
    private readonly double? _alpha;

    internal LabelPropagationEstimator(MLContext context, GraphLabelingOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.ThrowIfInvalid(_options is LabelSpreadingOptions ? "label spreading" : "label propagation");
        _alpha = _options is LabelSpreadingOptions spreading ? spreading.Alpha : null;
    }

    /// <summary>Whether this is label spreading (rather than label propagation).</summary>
    public bool IsSpreading => _alpha is not null;

    /// <summary>Builds the graph over every row of <paramref name="input"/>, spreads the labels and returns the transformer.</summary>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, no row or one class only is labeled, or NumberOfNeighbors is too large.</exception>
    /// <exception cref="InvalidOperationException">The fit would need more memory than the process can use (see <see cref="EstimatePeakMemory"/>), or an array of it more elements than .NET allows.</exception>
    public LabelPropagationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.CancellationToken.ThrowIfCancellationRequested();
        CheckLabelColumn(input.Schema);
        var host = ((IHostEnvironment)_context).Register(IsSpreading ? "LabelSpreading" : "LabelPropagation");
        using var channel = host.Start("Fit");
        if (IsHighDimensional(input.Schema) && FitSparse(input, host, channel) is { } sparse)
            return sparse; // sparse features stay sparse: LabelPropagationEstimator.Sparse.cs
        var (points, labels) = Load(input, channel);
        int seed = _options.Seed ?? host.Rand.Next();
        var shift = _options.CheckDistributionShift
            ? DistributionShiftCheck.Run(_context, _options.FeatureColumnName, points.Values, points.Dimension, labels.Classes, new DistributionShiftOptions { CancellationToken = _options.CancellationToken }, new Random(seed))
            : null;
        if (shift is not null)
            SemiSupervisedCatalog.Log(channel, shift);
        ScaleForMetric(points); // LabelPropagationEstimator.Cosine.cs
        var graph = LabelPropagationGraph.Build(points, _options, IsSpreading, seed, message => channel.Info(MessageSensitivity.None, message), out var index);
        return Label(channel, input.Schema, graph, labels, points.Count, shift, (a, b) => VectorMath.SquaredDistance(points[a], points[b]), (stored, labeled) =>
            new LabelPropagationModel(_options.Kernel, _options.NumberOfNeighbors, _options.Gamma, points, labels.Catalog.Count, stored, labeled, index));
    }

    /// <summary>
    /// The steps after the graph, the same for dense and sparse rows: iterate the labels over <paramref name="graph"/>,
    /// label the rows it did not reach by the fallback (rows compared by <paramref name="squaredDistance"/>), build the
    /// model from the stored distributions and labeled flags (<paramref name="createModel"/>), report and log.
    /// </summary>
    private LabelPropagationTransformer Label(IChannel channel, DataViewSchema inputSchema, AffinityGraph graph, LabelSet labels, int rowCount,
        DistributionShiftReport? shift, Func<int, int, float> squaredDistance, Func<float[], bool[], LabelPropagationModel> createModel)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var iteration = new LabelIteration(graph, labels.Classes, labels.Catalog.Count, _alpha);
        var stored = iteration.Run(_options.MaximumNumberOfIterations ?? int.MaxValue, _options.Tolerance, _options.CancellationToken);
        channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Ran {iteration.NumberOfIterations} iterations over the graph in {watch.Elapsed.TotalSeconds:0.00} s."));
        watch.Restart();
        int fallback = UnreachedRowLabeling.Apply(_options.UnreachedRowFallback, stored, labels.Classes, labels.Catalog.Count,
            _options.NumberOfNeighbors, squaredDistance, _options.CancellationToken);
        int unreached = CountUnreached(stored, labels.Catalog.Count);
        channel.Info(MessageSensitivity.None, FormattableString.Invariant(
            $"Labeled {fallback} rows the graph did not reach (UnreachedRowFallback = {_options.UnreachedRowFallback}) in {watch.Elapsed.TotalSeconds:0.00} s."));
        watch.Restart();
        var model = createModel(stored, labels.Classes.Select(c => c >= 0).ToArray());
        channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Built the model (stored-row lookup) in {watch.Elapsed.TotalSeconds:0.00} s."));
        var report = new LabelPropagationReport(iteration.NumberOfIterations, iteration.Converged, rowCount,
            labels.LabeledCount, unreached, graph.EntryCount, shift, fallback);
        Log(channel, report);
        WarnIfEvaluatorMisreads(channel, labels.Catalog);
        watch.Restart();
        var transformer = new LabelPropagationTransformer(_context, _options, labels.Catalog, model, inputSchema, report);
        channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Built the transformer in {watch.Elapsed.TotalSeconds:0.00} s."));
        return transformer;
    }

    /// <summary>
    /// The memory a fit over dense rows needs at its peak, in bytes, planned from the sizes before any row is read (the
    /// fit checks the same plan against the memory the process can use, and refuses up front when it does not fit):
    /// the features once (<c>rows x features x 4</c> bytes), the neighbour lists while searching, the search index, the graph
    /// and the iteration's distributions, with a margin for the garbage collector (docs/scaling.md has the formula).
    /// </summary>
    /// <param name="rowCount">The number of rows, labeled and unlabeled.</param>
    /// <param name="featureCount">The number of features of a row (the size of the feature vector).</param>
    /// <param name="classCount">The number of classes.</param>
    /// <returns>The bytes the fit needs at its peak, for these options (<see cref="long.MaxValue"/> when that is more than 64 bits count).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive, or the rows are more than one .NET array holds (<see cref="Array.MaxLength"/>).</exception>
    public long EstimatePeakMemory(long rowCount, int featureCount, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowCount, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        return Plan(rowCount, featureCount, classCount, rowCountKnown: true).PeakBytes;
    }

    /// <summary>The memory the process can use, against which a fit's plan is checked (a test sets a smaller one).</summary>
    internal long AvailableMemoryBytes { get; set; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private LabelPropagationMemoryPlan Plan(long rowCount, int featureCount, int classCount, bool rowCountKnown) =>
        LabelPropagationMemoryPlan.For(_options, IsSpreading ? "Label spreading" : "Label propagation", rowCount, featureCount, classCount, rowCountKnown);

    /// <summary>
    /// Reads and checks the rows: dense features and labels. The memory plan is checked before the features are
    /// allocated (with two classes, the fewest a fit has, until the labels are read), then again with the classes found.
    /// </summary>
    private (PointSet Points, LabelSet Labels) Load(IDataView input, IChannel channel)
    {
        int dimension = ((Microsoft.ML.Data.VectorDataViewType)input.Schema[_options.FeatureColumnName].Type).Size;
        bool rowCountKnown = input.GetRowCount() is not null;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var rows = DenseLabeledRows.Load(input, _options.FeatureColumnName, _options.LabelColumnName, LabelTask.Multiclass,
            rowCount => Plan(rowCount, dimension, 2, rowCountKnown).ThrowIfTooLarge(AvailableMemoryBytes));
        CheckRows(rows.RowCount, rows.Labels);
        var plan = Plan(rows.RowCount, rows.Dimension, rows.Labels.Catalog.Count, rowCountKnown);
        plan.ThrowIfTooLarge(AvailableMemoryBytes);
        channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Read {rows.RowCount} rows in {watch.Elapsed.TotalSeconds:0.00} s."));
        channel.Info(MessageSensitivity.None, plan.Describe(AvailableMemoryBytes));
        return (new PointSet(rows.Features, rows.Dimension), rows.Labels);
    }

    /// <summary>The schema after the transformer: the input columns plus PredictedLabel, Score, the label and the confidence.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ShapeColumns.CheckFeature(inputSchema, _options.FeatureColumnName, nameof(inputSchema));
        var kind = ShapeColumns.CheckLabel(inputSchema, _options.LabelColumnName, nameof(inputSchema));
        if (kind == LabelKind.Boolean)
            throw new ArgumentException(ErrorMessages.BooleanLabelCannotBeMissing(_options.LabelColumnName), nameof(inputSchema));
        return LabelPropagationPipeline.ShapeOnly(_context, _options, kind).GetOutputSchema(inputSchema);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Checks the data Fit(input) was given: the exception names Fit's parameter, as the caller sees it.")]
    private void CheckLabelColumn(Microsoft.ML.DataViewSchema schema)
    {
        LabeledTable.CheckFeatureColumn(schema, _options.FeatureColumnName);
        if (LabelColumnReader.CheckColumn(schema, _options.LabelColumnName) == LabelKind.Boolean)
            throw new ArgumentException(ErrorMessages.BooleanLabelCannotBeMissing(_options.LabelColumnName), "input");
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Checks the data Fit(input) was given: the exception names Fit's parameter, as the caller sees it.")]
    private void CheckRows(int rowCount, LabelSet labels)
    {
        if (rowCount == 0)
            throw new ArgumentException(ErrorMessages.NoRows("training"), "input");
        labels.EnsureTrainable(_options.LabelColumnName, "input");
        if (labels.Catalog.Count > LabelPropagationRows.MaximumClassCount)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Label column '{0}' has {1} classes; label propagation and label spreading handle at most {2}.",
                _options.LabelColumnName, labels.Catalog.Count, LabelPropagationRows.MaximumClassCount), "input");
        }
        if (_options.Kernel != LabelPropagationKernel.Rbf && _options.NumberOfNeighbors > rowCount - 1)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "NumberOfNeighbors must be at most the number of rows minus 1 ({0}); got {1}.",
                rowCount - 1, _options.NumberOfNeighbors), "input");
        }
    }

    private static int CountUnreached(float[] distributions, int classCount)
    {
        int count = 0;
        for (int i = 0; i < distributions.Length / classCount; i++)
        {
            if (LabelPropagationModel.ArgMax(distributions.AsSpan(i * classCount, classCount)) < 0)
                count++;
        }
        return count;
    }

    /// <summary>What labels rows left unreached: the fallback when it is off, then the options that change the kernel's graph.</summary>
    internal static string UnreachedAdvice(LabelPropagationKernel kernel, UnreachedRowFallback fallback) =>
        (fallback == UnreachedRowFallback.None ? "Set UnreachedRowFallback = NearestLabeledRow to label them from their nearest labeled row. " : "") + UnreachedAdvice(kernel);

    /// <summary>What reaches more rows under <paramref name="kernel"/>: only the options that change its graph.</summary>
    internal static string UnreachedAdvice(LabelPropagationKernel kernel) => kernel switch
    {
        LabelPropagationKernel.NearestNeighbors => "Raise NumberOfNeighbors or set SymmetrizeGraph.",
        LabelPropagationKernel.NearestNeighborsRbf => "Raise NumberOfNeighbors, set SymmetrizeGraph, or lower Gamma.",
        _ => "Lower Gamma (an RBF weight exp(-Gamma * |x - y|^2) is 0 in Single precision once Gamma * |x - y|^2 exceeds about 103) " +
            "or bring the features to a common scale (e.g. mlContext.Transforms.NormalizeMinMax); NumberOfNeighbors and " +
            "SymmetrizeGraph do not apply to the dense Rbf kernel.",
    };

    /// <summary>
    /// Warns when ML.NET's multiclass evaluator would read the label column as other classes than the model's: a
    /// Single label whose classes are not 0, 1, ..., K-1 (the evaluator reads a Single label as the class index; the
    /// rule of <see cref="EvaluatorLabelRule"/>). The fit goes on: the PropagatedLabel column is right whatever the labels.
    /// </summary>
    private void WarnIfEvaluatorMisreads(IChannel channel, ClassCatalog classes)
    {
        if (classes.Kind != LabelKind.Single || EvaluatorLabelRule.AreClassIndexes(classes))
            return;
        channel.Warning(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "Label column '{0}' is Single with classes {1}, not 0, 1, ..., {2}: mlContext.MulticlassClassification.Evaluate reads a " +
            "Single label as the class index, so it would score these rows against the wrong classes of Score. To evaluate, add " +
            "mlContext.Transforms.Conversion.MapValueToKey(\"{0}\") before the estimator (the test rows are then keyed the same way).",
            _options.LabelColumnName, string.Join(", ", classes.Names.Take(10)) + (classes.Count > 10 ? ", ..." : ""), classes.Count - 1));
    }

    private void Log(IChannel channel, LabelPropagationReport report)
    {
        var name = IsSpreading ? "Label spreading" : "Label propagation";
        channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "{0}: {1} rows ({2} labeled), {3} graph weights, {4} iterations, {5}.", name, report.RowCount, report.LabeledRowCount,
            report.GraphEntryCount, report.NumberOfIterations, report.Converged ? "converged" : "not converged"));
        if (!report.Converged)
        {
            channel.Warning(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
                "{0} did not converge within MaximumNumberOfIterations = {1} (Tolerance = {2}); the labels may still change. " +
                "Raise MaximumNumberOfIterations or Tolerance.", name, _options.MaximumNumberOfIterations, _options.Tolerance));
        }
        if (report.FallbackRowCount > 0)
        {
            channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
                "{0}: no labeled row reached {1} rows through the graph; UnreachedRowFallback = {2} labeled them, with a " +
                "confidence below every reached row's (Report.FallbackRowCount).", name, report.FallbackRowCount, _options.UnreachedRowFallback));
        }
        if (report.UnreachedRowCount > 0)
        {
            channel.Warning(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
                "{0}: {1} rows are not connected to any labeled row in the graph; they stay unlabeled (missing label, zero " +
                "distribution, confidence 0). {2}", name, report.UnreachedRowCount, UnreachedAdvice(_options.Kernel, _options.UnreachedRowFallback)));
        }
    }
}

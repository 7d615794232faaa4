using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Reports;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// A fitted label propagation or label spreading: adds ML.NET's multiclass outputs, <c>PredictedLabel</c> (a key
/// whose key values are the class names, <see cref="ClassNames"/>) and <c>Score</c> (the class distribution, a vector
/// of the class count's size, in <see cref="ClassNames"/> order), so that <c>mlContext.MulticlassClassification.Evaluate</c>
/// reads it as it reads a trainer's; and each row's label in the label column's own type (<c>PropagatedLabel</c>)
/// and confidence. A row with the features of a row the graph was
/// built on gets that row's result (the transduction; rows with equal features share one answer, the labeled ones'
/// when there are any); any other row is predicted from the graph rows' distributions through the kernel, as
/// scikit-learn's <c>predict</c> does. A row no labeled row reaches gets a missing label (NaN, the missing key,
/// empty text; PredictedLabel the missing key), a zero Score and confidence 0.
/// </summary>
/// <remarks>
/// Saved with <c>mlContext.Model.Save</c>, the transformer writes itself as a chain of ML.NET's built-in
/// transformers that carry its state with a checksum (model format version 3, with the search index for new rows when the fit built one;
/// a model fitted on sparse features saves its rows sparse, in the sparse format version 1); <c>mlContext.Model.Load</c> returns
/// that chain, which predicts the same values at the same speed: it reads the state once, on its first row. The
/// report is saved after the state, as a piece of its own that scoring never reads;
/// <see cref="SemiSupervisedCatalog.GetReport{TReport}(ITransformer)"/> reads it from the loaded chain.
/// </remarks>
public sealed class LabelPropagationTransformer : ITransformer, IReportedModel
{
    private readonly MLContext _context;
    private readonly GraphLabelingOptions _options;
    private readonly ClassCatalog _classes;
    private readonly LabelPropagationModel _model;
    private readonly ITransformer _live;
    private readonly DataViewSchema _trainingSchema;

    internal LabelPropagationTransformer(MLContext context, GraphLabelingOptions options, ClassCatalog classes,
        LabelPropagationModel model, DataViewSchema trainingSchema, LabelPropagationReport report)
    {
        _context = context;
        _options = options;
        _classes = classes;
        _model = model;
        _trainingSchema = trainingSchema;
        Report = report;
        _live = LabelPropagationPipeline.Live(context, options, classes, model).Fit(new EmptyDataView(trainingSchema));
    }

    /// <summary>How the fit went: iterations, convergence, rows reached.</summary>
    public LabelPropagationReport Report { get; }

    /// <inheritdoc />
    object IReportedModel.Report => Report;

    /// <summary>The names of the classes, in the order of the Score column: class i is PredictedLabel key i + 1.</summary>
    public IReadOnlyList<string> ClassNames => _classes.Names;

    /// <summary>Each graph row's class distribution after the iteration (one array per row, zeros where unreached).</summary>
    internal LabelPropagationModel Model => _model;

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _live.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _live.GetRowToRowMapper(inputSchema);

    /// <summary>Adds the PredictedLabel, Score, label and confidence columns to <paramref name="input"/> (lazily, as ML.NET does).</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var type = LabeledTable.CheckFeatureColumn(input.Schema, _options.FeatureColumnName);
        if (type.Size != _model.Points.Dimension)
        {
            throw new ArgumentException(
                $"Schema mismatch for feature column '{_options.FeatureColumnName}': expected Vector<Single, {_model.Points.Dimension}>, got {type}.",
                nameof(input));
        }
        return _live.Transform(input);
    }

    /// <summary>Writes the transformer as a chain of built-in transformers holding its state and its report (see the remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        var stored = LabelPropagationPipeline.Stored(_context, _options, _classes, _model, _trainingSchema);
        SavedReport.Append(_context, stored, Report).Save(ctx);
    }
}

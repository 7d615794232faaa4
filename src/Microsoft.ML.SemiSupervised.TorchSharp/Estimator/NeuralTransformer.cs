using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Reports;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// A fitted neural semi-supervised model: adds ML.NET's multiclass outputs, <c>PredictedLabel</c> (a key whose key
/// values are the class names, <see cref="ClassNames"/>) and <c>Score</c> (the class probabilities, in
/// <see cref="ClassNames"/> order), so that <c>mlContext.MulticlassClassification.Evaluate</c> and
/// <c>PredictionEngine</c> read it as a trainer's model. A binary label gives two classes in the same shape.
/// </summary>
/// <remarks>
/// Saved with <c>mlContext.Model.Save</c>, the transformer writes itself as a chain of ML.NET's built-in transformers
/// that carry the network's weights with a checksum (neural format version 1), followed by the core's saved report
/// piece holding <see cref="Report"/>; <c>mlContext.Model.Load</c> returns that chain, which predicts the same values:
/// it builds the network once, on its first row. <c>mlContext.SemiSupervised.GetReport&lt;NeuralReport&gt;</c> reads the
/// report from the live or the loaded model.
/// </remarks>
public sealed class NeuralTransformer : ITransformer, IReportedModel
{
    private readonly MLContext _context;
    private readonly string _featureColumnName;
    private readonly ClassCatalog _classes;
    private readonly NeuralModel _model;
    private readonly DataViewSchema _trainingSchema;
    private readonly ITransformer _live;

    internal NeuralTransformer(MLContext context, string featureColumnName, ClassCatalog classes, NeuralModel model, DataViewSchema trainingSchema, NeuralReport report)
    {
        _context = context;
        _featureColumnName = featureColumnName;
        _classes = classes;
        _model = model;
        _trainingSchema = trainingSchema;
        Report = report;
        _live = NeuralPipeline.Live(context, featureColumnName, classes, model).Fit(new Data.EmptyDataView(trainingSchema));
    }

    /// <summary>How the fit went: rows, epochs with their losses, why it stopped.</summary>
    public NeuralReport Report { get; }

    /// <summary>The names of the classes, in the order of the Score column: class i is PredictedLabel key i + 1.</summary>
    public IReadOnlyList<string> ClassNames => _classes.Names;

    internal NeuralModel Model => _model;

    /// <inheritdoc />
    object IReportedModel.Report => Report;

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckFeatures(inputSchema);
        return _live.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckFeatures(inputSchema);
        return _live.GetRowToRowMapper(inputSchema);
    }

    /// <summary>Adds the PredictedLabel and Score columns to <paramref name="input"/> (lazily, as ML.NET does).</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckFeatures(input.Schema);
        return _live.Transform(input);
    }

    /// <summary>Writes the transformer as a chain of built-in transformers holding the network and the report (see the remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        SavedReport.Append(_context, NeuralPipeline.Stored(_context, _featureColumnName, _classes, _model, _trainingSchema), Report).Save(ctx);

    private void CheckFeatures(DataViewSchema schema)
    {
        var type = Data.LabeledTable.CheckFeatureColumn(schema, _featureColumnName);
        if (type.Size != _model.Architecture.InputSize)
        {
            throw new ArgumentException(
                $"Schema mismatch for feature column '{_featureColumnName}': expected Vector<Single, {_model.Architecture.InputSize}>, got {type}.",
                nameof(schema));
        }
    }
}

using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Reports;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// A fitted co-training model: the two views' classifiers and the combination of their class probabilities, with the
/// report of the fit that made it. It writes the columns of an ML.NET classifier of its kind: PredictedLabel, Score,
/// and Probability for binary.
/// </summary>
/// <remarks>
/// Saved with <c>mlContext.Model.Save</c>, it writes its chain of ML.NET transformers followed by its report (a piece
/// of the chain that scoring never reads); <c>mlContext.Model.Load</c> returns that chain, which predicts the same
/// values, and <see cref="SemiSupervisedCatalog.GetReport{TReport}(ITransformer)"/> reads the report from it.
/// </remarks>
public sealed class CoTrainingTransformer : ITransformer, IReportedModel
{
    private readonly MLContext _context;
    private readonly ITransformer _model;

    internal CoTrainingTransformer(MLContext context, ITransformer model, CoTrainingReport report)
    {
        _context = context;
        _model = model;
        Report = report;
    }

    /// <summary>What the fit did: every round, why it stopped, the rows it labeled.</summary>
    public CoTrainingReport Report { get; }

    /// <inheritdoc />
    object IReportedModel.Report => Report;

    /// <inheritdoc />
    public bool IsRowToRowMapper => _model.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _model.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _model.GetRowToRowMapper(inputSchema);

    /// <summary>Adds the classifier columns to <paramref name="input"/> (lazily, as ML.NET does).</summary>
    /// <param name="input">The data to score.</param>
    /// <returns>The scored data.</returns>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _model.Transform(input);
    }

    /// <summary>Writes the model's chain and its report (see the remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => SavedReport.Append(_context, _model, Report).Save(ctx);
}

using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Reports;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// What <see cref="AutoEstimator"/> fitted: the chosen model (<see cref="Model"/>), which does all the work, and the
/// report of how it was chosen.
/// </summary>
/// <remarks>
/// Saved with <c>mlContext.Model.Save</c>, it writes <see cref="Model"/> followed by its report (a piece of the chain
/// that scoring never reads); <c>mlContext.Model.Load</c> returns that chain (not an <see cref="AutoTransformer"/>),
/// which predicts the same. <see cref="SemiSupervisedCatalog.GetReport{TReport}(ITransformer)"/> reads the
/// <see cref="AutoReport"/> from it, live or loaded, and also the report the chosen model carries, if any (co-training,
/// tri-training).
/// </remarks>
public sealed class AutoTransformer : ITransformer, IReportedModel
{
    private readonly MLContext _context;

    internal AutoTransformer(MLContext context, ITransformer model, AutoReport report)
    {
        _context = context;
        Model = model;
        Report = report;
    }

    /// <summary>
    /// The chosen model, fitted on all rows: the supervised trainer's transformer, or the chosen candidate's model
    /// (self-training and label spreading then trainer: the trainer's transformer; co- and tri-training: their ensemble).
    /// </summary>
    public ITransformer Model { get; }

    /// <summary>Every candidate's evidence, the choice and why.</summary>
    public AutoReport Report { get; }

    /// <inheritdoc />
    object IReportedModel.Report => Report;

    /// <inheritdoc />
    ITransformer? IReportedModel.Inner => Model;

    /// <inheritdoc />
    public bool IsRowToRowMapper => Model.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Model.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Model.GetRowToRowMapper(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => Model.Transform(input);

    /// <summary>Writes the chosen model and the report (see the remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => SavedReport.Append(_context, Model, Report).Save(ctx);
}

using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// What <see cref="AutoEstimator"/> fitted: the chosen model (<see cref="Model"/>), which does all the work, and the
/// report of how it was chosen.
/// </summary>
/// <remarks>
/// It saves as the chosen model itself: <c>mlContext.Model.Save</c> writes <see cref="Model"/>, and
/// <c>mlContext.Model.Load</c> returns that model (not an <see cref="AutoTransformer"/>), which predicts the same.
/// The report is not saved.
/// </remarks>
public sealed class AutoTransformer : ITransformer
{
    internal AutoTransformer(ITransformer model, AutoReport report)
    {
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
    public bool IsRowToRowMapper => Model.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Model.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Model.GetRowToRowMapper(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => Model.Transform(input);

    /// <summary>Saves the chosen model (see the remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => Model.Save(ctx);
}

using Microsoft.ML.SemiSupervised.Reports;

namespace Microsoft.ML.SemiSupervised;

public sealed partial class SemiSupervisedCatalog
{
    /// <summary>
    /// The report of the fit that made <paramref name="model"/>: what a label propagation or spreading
    /// (<see cref="LabelPropagation.LabelPropagationReport"/>), co-training (<see cref="CoTraining.CoTrainingReport"/>)
    /// or tri-training (<see cref="TriTraining.TriTrainingReport"/>) fit did, or what Auto compared and chose
    /// (<see cref="Auto.AutoReport"/>), read from the fitted model itself, live or loaded with <c>mlContext.Model.Load</c>,
    /// alone or inside a pipeline's chain. The neural package's models carry theirs too (its <c>NeuralReport</c>).
    /// </summary>
    /// <remarks>
    /// A saved model carries its report (every count, round and distribution-shift result, exactly); reading it does
    /// not score anything. Models saved before reports were saved with them carry none: the result is then null.
    /// An Auto model carries its <see cref="Auto.AutoReport"/> and, when its chosen model carries a report (co-training,
    /// tri-training, or a candidate of yours that returns such a model), that report too. A report of a package's kind
    /// (the neural package's) is read when that package's assembly is loaded; otherwise the exception names the package.
    /// </remarks>
    /// <typeparam name="TReport">The report type: <see cref="LabelPropagation.LabelPropagationReport"/>,
    /// <see cref="CoTraining.CoTrainingReport"/>, <see cref="TriTraining.TriTrainingReport"/> or
    /// <see cref="Auto.AutoReport"/>, or a package's report type (the neural package's <c>NeuralReport</c>).</typeparam>
    /// <param name="model">A fitted model, or a chain that holds one.</param>
    /// <returns>The report, or null when <paramref name="model"/> carries no report of that type.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TReport"/> is not a report a model carries.</exception>
    /// <exception cref="InvalidOperationException">The model holds more than one report of that type (read each
    /// model of the chain on its own), or its saved report is unreadable.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A catalog member, reached as mlContext.SemiSupervised.GetReport like every other call of the catalog.")]
    public TReport? GetReport<TReport>(ITransformer model)
        where TReport : class
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = ReportKinds.Of(typeof(TReport));
        var reports = SavedReport.Find(model)
            .Where(r => r is TReport || (r is SavedReport.SavedText saved && ReportReader.KindOf(saved.Text) == kind))
            .ToArray();
        if (reports.Length > 1)
        {
            throw new InvalidOperationException(
                $"The model holds {reports.Length} reports of type {typeof(TReport).Name}, one per fitted model in its chain; call GetReport on each of those models.");
        }
        return reports.Length == 0 ? null : reports[0] as TReport ?? (TReport)ReportReader.Read(((SavedReport.SavedText)reports[0]).Text);
    }
}

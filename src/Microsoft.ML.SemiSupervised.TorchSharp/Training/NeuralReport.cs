using System.Globalization;
using Microsoft.ML.SemiSupervised.Reports;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// How a neural semi-supervised fit went: the rows, the epochs, why it stopped. A fitted model carries it, live
/// (<see cref="NeuralTransformer.Report"/>) and saved: <c>mlContext.SemiSupervised.GetReport&lt;NeuralReport&gt;(model)</c>
/// reads it from a live or loaded model, exactly as it was.
/// </summary>
[SavedReportFormat(typeof(NeuralReportFormat))]
public sealed class NeuralReport
{
    internal NeuralReport(string method, int labeledRowCount, int unlabeledRowCount, IReadOnlyList<NeuralEpoch> epochs,
        NeuralStopReason stopReason, int? bestEpoch, int seed)
    {
        Method = method;
        LabeledRowCount = labeledRowCount;
        UnlabeledRowCount = unlabeledRowCount;
        Epochs = epochs;
        StopReason = stopReason;
        BestEpoch = bestEpoch;
        Seed = seed;
    }

    /// <summary>The method ("FixMatch", "MixMatch", "Mean Teacher", "Pi-model", "pseudo-labeling").</summary>
    public string Method { get; }

    /// <summary>The training rows with a label.</summary>
    public int LabeledRowCount { get; }

    /// <summary>The training rows without a label.</summary>
    public int UnlabeledRowCount { get; }

    /// <summary>Every epoch run, in order.</summary>
    public IReadOnlyList<NeuralEpoch> Epochs { get; }

    /// <summary>Why the fit stopped.</summary>
    public NeuralStopReason StopReason { get; }

    /// <summary>The epoch whose weights the model keeps, when validation data chose it; otherwise null (the last).</summary>
    public int? BestEpoch { get; }

    /// <summary>The seed the fit used (the options' <c>Seed</c>, or the one drawn from the MLContext).</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}: {1} labeled and {2} unlabeled rows, {3} epochs, stopped: {4}{5}", Method, LabeledRowCount, UnlabeledRowCount,
        Epochs.Count, StopReason, BestEpoch is { } b ? string.Format(CultureInfo.InvariantCulture, " (best epoch {0})", b) : "");
}

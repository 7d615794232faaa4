namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>What a tri-training fit did: one entry per round and why it stopped.</summary>
public sealed class TriTrainingReport
{
    internal TriTrainingReport(IReadOnlyList<string> classNames, IReadOnlyList<TriTrainingIteration> rounds, TriTrainingStopReason stopReason, int labeledCount, int unlabeledCount, bool calibrated,
        Diagnostics.DistributionShiftReport? distributionShift = null)
    {
        DistributionShift = distributionShift;
        ClassNames = classNames;
        Iterations = rounds;
        StopReason = stopReason;
        LabeledCount = labeledCount;
        UnlabeledCount = unlabeledCount;
        Calibrated = calibrated;
    }

    /// <summary>
    /// Whether the labeled and unlabeled rows looked like one distribution, when the options' CheckDistributionShift
    /// asked for the check; null otherwise.
    /// </summary>
    public Diagnostics.DistributionShiftReport? DistributionShift { get; }

    /// <summary>The classes, in the order class numbers refer to; for a binary label, false then true.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Every round that ran, in order, including a last one that updated nothing.</summary>
    public IReadOnlyList<TriTrainingIteration> Iterations { get; }

    /// <summary>The number of rounds that ran.</summary>
    public int NumberOfIterations => Iterations.Count;

    /// <summary>Why the fit stopped.</summary>
    public TriTrainingStopReason StopReason { get; }

    /// <summary>How many rows were labeled in the data.</summary>
    public int LabeledCount { get; }

    /// <summary>How many rows were unlabeled in the data.</summary>
    public int UnlabeledCount { get; }

    /// <summary>True when a binary inner trainer gave no probability and its scores were calibrated (Platt scaling).</summary>
    public bool Calibrated { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"tri-training: {NumberOfIterations} round(s), stopped: {StopReason}; {LabeledCount} labeled rows, {UnlabeledCount} unlabeled" + (Calibrated ? "; scores calibrated" : "");
}

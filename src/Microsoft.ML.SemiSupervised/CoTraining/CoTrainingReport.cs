namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// What a co-training fit did: one entry per round, why it stopped, the slots of each view when one column was
/// split, and for each training row the round at which it got its label and the label it got.
/// </summary>
public sealed class CoTrainingReport
{
    internal CoTrainingReport(IReadOnlyList<string> classNames, IReadOnlyList<CoTrainingIteration> rounds, CoTrainingStopReason stopReason,
        int[] labeledRound, int[] assignedClass, int[]? firstViewSlots, int[]? secondViewSlots, bool calibrated,
        Diagnostics.DistributionShiftReport? distributionShift = null)
    {
        DistributionShift = distributionShift;
        ClassNames = classNames;
        Iterations = rounds;
        StopReason = stopReason;
        LabeledIteration = labeledRound;
        AssignedClass = assignedClass;
        FirstViewSlots = firstViewSlots;
        SecondViewSlots = secondViewSlots;
        Calibrated = calibrated;
    }

    /// <summary>
    /// Whether the labeled and unlabeled rows looked like one distribution, when the options' CheckDistributionShift
    /// asked for the check; null otherwise.
    /// </summary>
    public Diagnostics.DistributionShiftReport? DistributionShift { get; }

    /// <summary>The classes, in the order class numbers refer to; for a binary label, false then true.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Every round that ran, in order, including a last one that added nothing.</summary>
    public IReadOnlyList<CoTrainingIteration> Iterations { get; }

    /// <summary>The number of rounds that ran.</summary>
    public int NumberOfIterations => Iterations.Count;

    /// <summary>Why the fit stopped.</summary>
    public CoTrainingStopReason StopReason { get; }

    /// <summary>
    /// For each training row, in the order of the training data: 0 for a row labeled in the data, the round that
    /// labeled it, or -1 for a row that never received a label.
    /// </summary>
    public IReadOnlyList<int> LabeledIteration { get; }

    /// <summary>For each training row, the class number of its label, original or from co-training, or -1.</summary>
    public IReadOnlyList<int> AssignedClass { get; }

    /// <summary>The slots of the feature column that form the first view when one column was split; null for two view columns.</summary>
    public IReadOnlyList<int>? FirstViewSlots { get; }

    /// <summary>The slots of the feature column that form the second view when one column was split; null for two view columns.</summary>
    public IReadOnlyList<int>? SecondViewSlots { get; }

    /// <summary>True when a binary inner trainer gave no probability and its scores were calibrated (Platt scaling).</summary>
    public bool Calibrated { get; }

    /// <summary>How many rows were labeled in the data.</summary>
    public int OriginallyLabeledCount => LabeledIteration.Count(r => r == 0);

    /// <summary>How many rows co-training labeled.</summary>
    public int PseudoLabeledCount => LabeledIteration.Count(r => r > 0);

    /// <inheritdoc />
    public override string ToString() =>
        $"co-training: {NumberOfIterations} round(s), stopped: {StopReason}; {OriginallyLabeledCount} labeled rows, " +
        $"{PseudoLabeledCount} labeled by co-training, {LabeledIteration.Count(r => r < 0)} left unlabeled" + (Calibrated ? "; scores calibrated" : "");
}

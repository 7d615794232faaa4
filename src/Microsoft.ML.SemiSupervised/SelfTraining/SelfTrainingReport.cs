namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>
/// What a self-training fit did: one entry per iteration, why it stopped, and for each training row
/// the iteration at which it got its label (scikit-learn's <c>labeled_iter_</c>) and the label it got
/// (<c>transduction_</c>).
/// </summary>
public sealed class SelfTrainingReport
{
    internal SelfTrainingReport(
        IReadOnlyList<string> classNames,
        IReadOnlyList<SelfTrainingIteration> iterations,
        SelfTrainingStopReason stopReason,
        int[] labeledIteration,
        int[] assignedClass,
        int[] holdOutRows,
        bool calibrated,
        Diagnostics.DistributionShiftReport? distributionShift)
    {
        DistributionShift = distributionShift;
        ClassNames = classNames;
        Iterations = iterations;
        StopReason = stopReason;
        LabeledIteration = labeledIteration;
        AssignedClass = assignedClass;
        HoldOutRows = holdOutRows;
        Calibrated = calibrated;
    }

    /// <summary>
    /// The classes, in the order class numbers refer to: key values in key order, numbers ascending,
    /// text in ordinal order; for a binary label, false then true.
    /// </summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Every iteration that ran, in order, including a last one that added nothing.</summary>
    public IReadOnlyList<SelfTrainingIteration> Iterations { get; }

    /// <summary>The number of iterations that ran (scikit-learn's <c>n_iter_</c>).</summary>
    public int NumberOfIterations => Iterations.Count;

    /// <summary>Why the loop stopped (scikit-learn's <c>termination_condition_</c>).</summary>
    public SelfTrainingStopReason StopReason { get; }

    /// <summary>
    /// For each training row, in the order of the training data: 0 for a row labeled in the data, the
    /// iteration that pseudo-labeled it, or -1 for a row that never received a label.
    /// </summary>
    public IReadOnlyList<int> LabeledIteration { get; }

    /// <summary>
    /// For each training row, the class number (an index into <see cref="ClassNames"/>) of its label,
    /// original or pseudo, or -1 for a row that never received a label.
    /// </summary>
    public IReadOnlyList<int> AssignedClass { get; }

    /// <summary>
    /// The training rows held out to watch for a drop in accuracy (empty when
    /// <see cref="SelfTrainingOptions.HoldOutFraction"/> is 0). They join the final fit.
    /// </summary>
    public IReadOnlyList<int> HoldOutRows { get; }

    /// <summary>
    /// True when the binary inner trainer gave no probability and self-training calibrated its scores
    /// (Platt scaling on the labeled rows) to obtain confidences.
    /// </summary>
    public bool Calibrated { get; }

    /// <summary>
    /// Whether the labeled and unlabeled rows looked like one distribution, when
    /// <see cref="SemiSupervisedOptionsBase.CheckDistributionShift"/> asked for the check; null otherwise.
    /// </summary>
    public Diagnostics.DistributionShiftReport? DistributionShift { get; }

    /// <summary>How many rows were labeled in the data.</summary>
    public int OriginallyLabeledCount => LabeledIteration.Count(i => i == 0);

    /// <summary>How many rows received a pseudo-label.</summary>
    public int PseudoLabeledCount => LabeledIteration.Count(i => i > 0);

    /// <inheritdoc />
    public override string ToString() =>
        $"self-training: {NumberOfIterations} iteration(s), stopped: {StopReason}; {OriginallyLabeledCount} labeled rows, " +
        $"{PseudoLabeledCount} pseudo-labeled, {LabeledIteration.Count(i => i < 0)} left unlabeled" +
        (Calibrated ? "; scores calibrated" : "");
}

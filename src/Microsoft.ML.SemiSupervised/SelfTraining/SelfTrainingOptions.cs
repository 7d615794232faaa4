using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>Options of <see cref="SelfTrainingEstimator{TTransformer}"/>.</summary>
/// <remarks>
/// The inner trainer reads the columns named here: create it with the same label, feature and
/// example weight column names.
/// </remarks>
public sealed class SelfTrainingOptions : SemiSupervisedOptionsBase
{
    /// <summary>
    /// Creates the options with every default: <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> is
    /// 10 (scikit-learn's); null runs until nothing is added or every row is labeled, and zero fits the inner trainer
    /// on the labeled rows only. The seed draws the hold-out split.
    /// </summary>
    public SelfTrainingOptions()
        : base(SelfTrainingDefaults.MaximumNumberOfIterations, minimumNumberOfIterations: 0)
    {
    }

    /// <summary>
    /// The example weight column the inner trainer reads, or null for none. Self-training writes it:
    /// labeled rows keep their weight from the data (1 where the data has no such column), pseudo-labeled
    /// rows get <see cref="PseudoLabelWeight"/> times theirs.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>How the rows to pseudo-label are chosen in each iteration.</summary>
    /// <value>The default value is <see cref="SelfTrainingCriterion.Threshold"/>.</value>
    public SelfTrainingCriterion Criterion { get; set; } = SelfTrainingDefaults.Criterion;

    /// <summary>
    /// With <see cref="SelfTrainingCriterion.Threshold"/>, the probability of its predicted class that an
    /// unlabeled row needs (at least this value) to receive a pseudo-label. Must be in (0, 1].
    /// </summary>
    /// <value>The default value is 0.75, as in scikit-learn.</value>
    public double ConfidenceThreshold { get; set; } = SelfTrainingDefaults.ConfidenceThreshold;

    /// <summary>
    /// With <see cref="SelfTrainingCriterion.KBest"/>, how many rows receive a pseudo-label per
    /// iteration (all remaining when fewer are left). Must be positive.
    /// </summary>
    /// <value>The default value is 10, as in scikit-learn.</value>
    public int KBest { get; set; } = SelfTrainingDefaults.KBest;

    /// <summary>
    /// When true, each iteration adds rows in the class proportions of the labeled rows: as many as every
    /// class can supply from the rows the criterion accepts, so one class cannot swallow the pool. An
    /// iteration in which the model is confident about no row of some class adds nothing (and the loop stops
    /// with <see cref="SelfTrainingStopReason.NoChange"/>).
    /// </summary>
    /// <value>The default value is false.</value>
    public bool BalanceClasses { get; set; } = SelfTrainingDefaults.BalanceClasses;

    /// <summary>
    /// The example weight of a pseudo-labeled row relative to a labeled one; below 1 it trusts pseudo-labels
    /// less. Any value other than 1 needs <see cref="ExampleWeightColumnName"/>. Must be positive.
    /// </summary>
    /// <value>The default value is 1.</value>
    public float PseudoLabelWeight { get; set; } = SelfTrainingDefaults.PseudoLabelWeight;

    /// <summary>
    /// The fraction of the labeled rows held out (stratified by class) to guard against wrong pseudo-labels:
    /// after each iteration the model is scored on them, and when the accuracy falls below the best so far
    /// by more than <see cref="HoldOutTolerance"/>, that iteration's pseudo-labels are withdrawn and the
    /// loop stops. The held-out rows join the final fit. 0 turns the guard off. Must be in [0, 1).
    /// </summary>
    /// <value>The default value is 0 (off).</value>
    public double HoldOutFraction { get; set; } = SelfTrainingDefaults.HoldOutFraction;

    /// <summary>How far (in accuracy, 0 to 1) the hold-out accuracy may fall below its best before the guard stops the loop.</summary>
    /// <value>The default value is 0: any drop stops it.</value>
    public double HoldOutTolerance { get; set; } = SelfTrainingDefaults.HoldOutTolerance;

    /// <summary>Called after each iteration with what it did, for progress reporting.</summary>
    /// <value>The default value is null.</value>
    public Action<SelfTrainingIteration>? IterationCompleted { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        ValidateShared(errors);
        errors.Check(ExampleWeightColumnName is null || ExampleWeightColumnName.Trim().Length > 0, $"ExampleWeightColumnName must be null or name a column; got '{ExampleWeightColumnName}'.");
        errors.Check(Enum.IsDefined(Criterion), $"Criterion must be Threshold or KBest; got {(int)Criterion}.");
        errors.Check(ConfidenceThreshold > 0 && ConfidenceThreshold <= 1, $"ConfidenceThreshold must be in (0, 1]; got {ConfidenceThreshold}.");
        errors.Check(KBest > 0, $"KBest must be positive; got {KBest}.");
        errors.Check(float.IsFinite(PseudoLabelWeight) && PseudoLabelWeight > 0, $"PseudoLabelWeight must be positive; got {PseudoLabelWeight}.");
        errors.Check(PseudoLabelWeight == 1 || ExampleWeightColumnName is not null,
            $"PseudoLabelWeight is {PseudoLabelWeight}, but ExampleWeightColumnName is null: set it, and create the inner trainer with the same exampleWeightColumnName, so that the weight reaches the trainer.");
        errors.Check(HoldOutFraction >= 0 && HoldOutFraction < 1, $"HoldOutFraction must be in [0, 1); got {HoldOutFraction}.");
        errors.Check(HoldOutTolerance >= 0 && HoldOutTolerance <= 1, $"HoldOutTolerance must be in [0, 1]; got {HoldOutTolerance}.");
        errors.ThrowIfAny("self-training");
    }

    /// <summary>A copy, so that changing the options after creating an estimator does not change it.</summary>
    internal SelfTrainingOptions Clone() => (SelfTrainingOptions)MemberwiseClone();
}

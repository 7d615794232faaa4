using Microsoft.ML.Calibrators;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>Options of <see cref="SelfTrainingEstimator{TTransformer, TModel}"/>.</summary>
/// <remarks>
/// The inner trainer reads the columns named here: create it with the same label, feature and
/// example weight column names.
/// </remarks>
public sealed class SelfTrainingOptions : SemiSupervisedOptionsBase
{
    private double? _holdOutFraction;

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

    /// <summary>
    /// The rule that chooses, in each iteration, which unlabeled rows receive a pseudo-label:
    /// <see cref="ConfidenceThresholdSelection"/> (every row at or above a probability), <see cref="KBestSelection"/>
    /// (the k most confident), <see cref="ClassBalancedSelection"/> (either, in the labeled class proportions),
    /// <see cref="SetredSelection"/> (drops rows their neighbours disagree with), or a rule of your own
    /// (derive from <see cref="PseudoLabelSelection"/>). Must not be null.
    /// </summary>
    /// <value>
    /// The default value is a <see cref="ClassBalancedSelection"/> over a <see cref="ConfidenceThresholdSelection"/> with
    /// threshold 0.9. (scikit-learn's default, <c>new ConfidenceThresholdSelection(0.75)</c> without balance, fell up to 15
    /// points below the supervised trainer on the data sets of docs/benchmarks.md.)
    /// </value>
    public PseudoLabelSelection Selection { get; set; } = SelfTrainingDefaults.Selection();

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
    /// <value>
    /// The default value is 0.25. Each class holds out the fraction of its labeled rows rounded down, so a class with
    /// fewer than 4 labeled rows holds none out; when no class can, the guard is off for that fit: an information
    /// message in <c>mlContext.Log</c> with the default, a warning when the option was set.
    /// </value>
    public double HoldOutFraction
    {
        get => _holdOutFraction ?? SelfTrainingDefaults.HoldOutFraction;
        set => _holdOutFraction = value;
    }

    /// <summary>Whether <see cref="HoldOutFraction"/> was set (a guard that holds out nothing is then worth a warning).</summary>
    internal bool HoldOutFractionIsSet => _holdOutFraction is not null;

    /// <summary>How far (in accuracy, 0 to 1) the hold-out accuracy may fall below its best before the guard stops the loop.</summary>
    /// <value>The default value is 0: any drop stops it.</value>
    public double HoldOutTolerance { get; set; } = SelfTrainingDefaults.HoldOutTolerance;

    /// <summary>
    /// The calibrator that turns the scores of a binary inner trainer without probabilities (AveragedPerceptron,
    /// LinearSvm, ...) into the confidences pseudo-labels are chosen by, as OneVersusAll takes one; for example
    /// <c>mlContext.BinaryClassification.Calibrators.Isotonic()</c>, created with the label column name of these
    /// options and score column "Score". It is fitted each iteration on out-of-fold scores of the labeled rows and
    /// only ranks the rows: the model stays the inner trainer's own. Unused when the inner trainer gives a
    /// probability; refused for a multiclass inner trainer.
    /// </summary>
    /// <value>The default value is null: ML.NET's Platt calibrator.</value>
    public IEstimator<ISingleFeaturePredictionTransformer<ICalibrator>>? Calibrator { get; set; }

    /// <summary>Called after each iteration with what it did, for progress reporting.</summary>
    /// <value>The default value is null.</value>
    public Action<SelfTrainingIteration>? IterationCompleted { get; set; }

    /// <summary>
    /// Called at the end of each fit with its report, on the thread that fitted. The way to read the report when
    /// self-training is fitted inside a pipeline (<see cref="SelfTrainingEstimator{TTransformer, TModel}.FitWithReport"/>
    /// returns it otherwise): the model is the inner trainer's own transformer and cannot carry it, and the estimator
    /// keeps no state from a fit, so each fit, concurrent ones too, hands over its own report.
    /// </summary>
    /// <value>The default value is null.</value>
    public Action<SelfTrainingReport>? FitCompleted { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        ValidateShared(errors);
        errors.Check(ExampleWeightColumnName is null || ExampleWeightColumnName.Trim().Length > 0, $"ExampleWeightColumnName must be null or name a column; got '{ExampleWeightColumnName}'.");
        errors.Check(Selection is not null, $"Selection must be a pseudo-label selection, such as new ConfidenceThresholdSelection(); got null.");
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

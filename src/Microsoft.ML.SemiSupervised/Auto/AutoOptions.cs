using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>Options of <see cref="AutoEstimator"/>.</summary>
/// <remarks>
/// Unlike the other techniques, <see cref="SemiSupervisedOptionsBase.CheckDistributionShift"/> is true by default here:
/// the check runs first, and unlabeled rows that look like another distribution are not used (the supervised trainer
/// is fitted, and the report says why) unless <see cref="UseShiftedUnlabeledRows"/> is true.
/// <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> is null by default: each default candidate keeps
/// its own iteration limit; a value caps every default candidate's iterations (user candidates keep theirs).
/// </remarks>
public sealed class AutoOptions : SemiSupervisedOptionsBase
{
    /// <summary>Creates the options with every default; the shift check is on.</summary>
    public AutoOptions()
        : base(maximumNumberOfIterations: null, minimumNumberOfIterations: 1)
    {
        CheckDistributionShift = AutoDefaults.CheckDistributionShift;
    }

    /// <summary>
    /// The number of stratified cross-validation folds over the labeled rows (fewer when a class has fewer labeled
    /// rows). At least 2.
    /// </summary>
    /// <value>The default value is 5.</value>
    public int NumberOfFolds { get; set; } = AutoDefaults.NumberOfFolds;

    /// <summary>
    /// How many times the cross-validation runs, each time with new folds: more repeats give a steadier estimate of
    /// each candidate's gain, at the cost of <see cref="NumberOfFolds"/> fits per candidate per repeat. At least 1.
    /// </summary>
    /// <value>The default value is 2.</value>
    public int NumberOfRepeats { get; set; } = AutoDefaults.NumberOfRepeats;

    /// <summary>
    /// The most repeats a candidate may get under <see cref="AutoDecisionRule.CorrectedBound"/>: a candidate whose gain
    /// over the first <see cref="NumberOfRepeats"/> repeats is positive but whose lower bound is not above 0 is
    /// cross-validated again on new folds (the supervised trainer too, once for all candidates) up to this many
    /// repeats, and judged on all of them. Equal to <see cref="NumberOfRepeats"/>: never more. At least
    /// <see cref="NumberOfRepeats"/>.
    /// </summary>
    /// <value>The default value is 4.</value>
    public int MaximumNumberOfRepeats { get; set; } = AutoDefaults.MaximumNumberOfRepeats;

    /// <summary>
    /// A measurement switch, not an option (docs/auto.md, "Few labels: what was tried"): when true, labeled rows too
    /// few for <see cref="NumberOfFolds"/> stratified folds (a class has fewer labeled rows than that, but at least 2)
    /// are cross-validated by leaving one labeled row out at a time, provided that costs no more fits than the repeated
    /// folds may (at most <see cref="NumberOfFolds"/> x <see cref="MaximumNumberOfRepeats"/> labeled rows). Measured
    /// biased towards the candidates (the held-out row's class is the one left short of labels, which a regularized
    /// trainer pays for more than label spreading does), so off; kept so that the measurement can be rerun.
    /// </summary>
    internal bool LeaveOneOutWithFewLabels { get; set; } = AutoDefaults.LeaveOneOutWithFewLabels;

    /// <summary>
    /// A switch under measurement, not an option (docs/auto.md, "How it decides"): when true, labeled rows with a class
    /// of a single labeled row (nothing to cross-validate) are judged by reverse validation when there are unlabeled
    /// rows and the shift check lets them be used; when false, such data gets the supervised trainer at once.
    /// </summary>
    internal bool ReverseValidationWithSingleLabelClasses { get; set; } = AutoDefaults.ReverseValidationWithSingleLabelClasses;

    /// <summary>How a candidate is judged to beat the supervised trainer on the folds.</summary>
    /// <value>The default value is <see cref="AutoDecisionRule.CorrectedBound"/>.</value>
    public AutoDecisionRule DecisionRule { get; set; } = AutoDefaults.DecisionRule;

    /// <summary>
    /// The most fits the cross-validation may make (one fit is one <c>Fit</c> of the supervised trainer or of a
    /// candidate), or null for no limit. Candidates the budget does not reach, or stops in the middle of, are reported
    /// as skipped; the final fit on all rows always runs. At least 1.
    /// </summary>
    /// <value>The default value is null.</value>
    public int? MaximumNumberOfFits { get; set; }

    /// <summary>
    /// The most time the cross-validation may take, or null for no limit: checked before each fit, so one fit may
    /// overrun it. Candidates not evaluated in time are reported as skipped; the final fit on all rows always runs.
    /// Positive.
    /// </summary>
    /// <value>The default value is null.</value>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>
    /// The semi-supervised candidates, or null for the defaults built from the trainer: guarded self-training
    /// ("SelfTraining"), label spreading followed by the trainer ("LabelSpreadingThenTrainer"), co-training with a
    /// random split of the features ("CoTraining") and tri-training ("TriTraining"). Names must be distinct and not
    /// "Supervised".
    /// </summary>
    /// <value>The default value is null.</value>
    public IReadOnlyList<AutoCandidate>? Candidates { get; set; }

    /// <summary>
    /// When true, unlabeled rows that the distribution-shift check finds shifted are used all the same; when false, such
    /// data gets the supervised trainer. Has no effect when <see cref="SemiSupervisedOptionsBase.CheckDistributionShift"/> is false.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool UseShiftedUnlabeledRows { get; set; } = AutoDefaults.UseShiftedUnlabeledRows;

    /// <summary>
    /// Called after each candidate is evaluated or skipped, with its evidence, for progress reporting (an iteration of
    /// Auto is one candidate); a token cancelled here stops the fit before the next candidate.
    /// </summary>
    /// <value>The default value is null.</value>
    public Action<AutoCandidateResult>? IterationCompleted { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        ValidateShared(errors);
        errors.Check(NumberOfFolds >= 2, $"NumberOfFolds must be at least 2; got {NumberOfFolds}.");
        errors.Check(NumberOfRepeats >= 1, $"NumberOfRepeats must be positive; got {NumberOfRepeats}.");
        errors.Check(MaximumNumberOfRepeats >= NumberOfRepeats, $"MaximumNumberOfRepeats must be at least NumberOfRepeats ({NumberOfRepeats}); got {MaximumNumberOfRepeats}.");
        errors.Check(Enum.IsDefined(DecisionRule), $"DecisionRule must be one of {string.Join(", ", Enum.GetNames<AutoDecisionRule>())}; got {(int)DecisionRule}.");
        errors.Check(MaximumNumberOfFits is null || MaximumNumberOfFits >= 1, $"MaximumNumberOfFits must be null (no limit) or positive; got {MaximumNumberOfFits}.");
        errors.Check(TimeBudget is null || TimeBudget > TimeSpan.Zero, $"TimeBudget must be null (no limit) or positive; got {TimeBudget}.");
        if (Candidates is { } candidates)
        {
            errors.Check(candidates.All(c => c is not null), $"Candidates must not contain null.");
            var names = candidates.Where(c => c is not null).Select(c => c.Name).ToArray();
            var repeated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            errors.Check(repeated.Length == 0, $"Candidates must have distinct names; got {string.Join(", ", repeated.Select(n => $"'{n}'"))} more than once.");
            errors.Check(!names.Contains(AutoDefaults.SupervisedName, StringComparer.Ordinal), $"Candidates must not be named '{AutoDefaults.SupervisedName}', the name of the supervised trainer.");
        }
        errors.ThrowIfAny("auto");
    }

    /// <summary>A copy (with its own candidate list), so that changing the options after creating an estimator does not change it.</summary>
    internal AutoOptions Clone()
    {
        var copy = (AutoOptions)MemberwiseClone();
        copy.Candidates = Candidates?.ToArray();
        return copy;
    }
}

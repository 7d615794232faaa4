using Microsoft.ML.SemiSupervised.Diagnostics;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>What <see cref="AutoEstimator"/> compared, what it chose and why.</summary>
public sealed class AutoReport
{
    internal AutoReport(IReadOnlyList<AutoCandidateResult> candidates, string chosenCandidate, string reason, DistributionShiftReport? distributionShift,
        int numberOfFolds, int numberOfRepeats, int numberOfFits, TimeSpan elapsed, AutoDecisionRule decisionRule)
    {
        DecisionRule = decisionRule;
        Candidates = candidates;
        ChosenCandidate = chosenCandidate;
        Reason = reason;
        DistributionShift = distributionShift;
        NumberOfFolds = numberOfFolds;
        NumberOfRepeats = numberOfRepeats;
        NumberOfFits = numberOfFits;
        Elapsed = elapsed;
    }

    /// <summary>Every candidate, evaluated or skipped, in the order they were tried.</summary>
    public IReadOnlyList<AutoCandidateResult> Candidates { get; }

    /// <summary>The name of the candidate fitted on all rows, or "Supervised" when the supervised trainer was.</summary>
    public string ChosenCandidate { get; }

    /// <summary>Whether the model is the supervised trainer's, fitted on the labeled rows only.</summary>
    public bool IsSupervised => ChosenCandidate == AutoDefaults.SupervisedName;

    /// <summary>Why the choice was made, in one sentence with the numbers.</summary>
    public string Reason { get; }

    /// <summary>The rule that judged the candidates (<see cref="AutoOptions.DecisionRule"/>).</summary>
    public AutoDecisionRule DecisionRule { get; }

    /// <summary>
    /// The evidence the choice rests on: <see cref="AutoEvidence.CrossValidation"/>, <see cref="AutoEvidence.ReverseValidation"/>
    /// where a class has a single labeled row, or <see cref="AutoEvidence.None"/> when the supervised trainer was fitted
    /// without comparing (the <see cref="Reason"/> says why). Reports saved before it was recorded read back as
    /// <see cref="AutoEvidence.CrossValidation"/> when they have folds (<see cref="NumberOfFolds"/> above 0), else
    /// <see cref="AutoEvidence.None"/>.
    /// </summary>
    public AutoEvidence Evidence { get; internal init; } = AutoEvidence.CrossValidation;

    /// <summary>The distribution-shift check of the labeled against the unlabeled rows, or null when it did not run.</summary>
    public DistributionShiftReport? DistributionShift { get; }

    /// <summary>The number of folds per repeat used (fewer than asked when a class has fewer labeled rows); 0 when no cross-validation ran.</summary>
    public int NumberOfFolds { get; }

    /// <summary>
    /// The number of cross-validation repeats every evaluated candidate had; 0 when no cross-validation ran. A
    /// candidate given more repeats by the rule has more <see cref="AutoCandidateResult.FoldAccuracies"/>.
    /// </summary>
    public int NumberOfRepeats { get; }

    /// <summary>The number of fits made, the final fit on all rows included.</summary>
    public int NumberOfFits { get; }

    /// <summary>The time the whole fit took.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"auto: chose {ChosenCandidate} ({(Evidence == AutoEvidence.ReverseValidation ? "reverse validation, " : "")}rule {DecisionRule}): {Reason}" + string.Concat(Candidates.Select(c => Environment.NewLine + "  " + c)) +
        FormattableString.Invariant($"{Environment.NewLine}  {NumberOfFits} fits in {Elapsed.TotalSeconds:F1} s");
}

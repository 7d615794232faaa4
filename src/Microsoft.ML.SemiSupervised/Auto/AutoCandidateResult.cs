namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// One candidate's evidence against the supervised trainer: its accuracy on every cross-validation fold, the mean
/// difference, and the lower confidence bound of that difference (or, by reverse validation, the two reverse models'
/// accuracies and the sign test's p-value); or why it was skipped.
/// </summary>
public sealed class AutoCandidateResult
{
    internal AutoCandidateResult(string name, string? skipReason, IReadOnlyList<double> foldAccuracies, IReadOnlyList<double> supervisedFoldAccuracies,
        double lowerConfidenceBound, double confidenceLevel)
    {
        Name = name;
        SkipReason = skipReason;
        FoldAccuracies = foldAccuracies;
        SupervisedFoldAccuracies = supervisedFoldAccuracies;
        LowerConfidenceBound = lowerConfidenceBound;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>The candidate's name.</summary>
    public string Name { get; }

    /// <summary>Why the candidate was not evaluated (it cannot run on the data, its fit failed, or the budget ran out), or null when it was.</summary>
    public string? SkipReason { get; }

    /// <summary>Whether the candidate was evaluated on every fold.</summary>
    public bool WasEvaluated => SkipReason is null;

    /// <summary>
    /// The candidate's accuracy (multiclass: micro-accuracy) on each fold, repeat after repeat (more repeats than
    /// <see cref="AutoReport.NumberOfRepeats"/> when the rule asked for more evidence); empty when skipped.
    /// </summary>
    public IReadOnlyList<double> FoldAccuracies { get; }

    /// <summary>The supervised trainer's accuracy on the same folds; empty when skipped.</summary>
    public IReadOnlyList<double> SupervisedFoldAccuracies { get; }

    /// <summary>
    /// The mean of the folds' differences (candidate minus supervised accuracy; under reverse validation, the difference
    /// of the two reverse models' accuracies on the labeled rows); NaN when skipped.
    /// </summary>
    public double Difference => WasEvaluated ? FoldAccuracies.Zip(SupervisedFoldAccuracies, (c, s) => c - s).Average() : double.NaN;

    /// <summary>
    /// The lower confidence bound of <see cref="Difference"/> at <see cref="ConfidenceLevel"/> (corrected resampled t,
    /// with the binomial variance floor); NaN when skipped or judged by reverse validation. Under cross-validation the
    /// candidate can be chosen only when it is above 0.
    /// </summary>
    public double LowerConfidenceBound { get; }

    /// <summary>
    /// The one-sided level of <see cref="LowerConfidenceBound"/> (or, under reverse validation, of the sign test: it
    /// passes when <see cref="SignTestPValue"/> is below 1 - this level), fixed before any fit: 0.95 under
    /// <see cref="AutoDecisionRule.CorrectedBound"/>; 1 - 0.05 / (the number of candidates that can run on the data)
    /// under <see cref="AutoDecisionRule.CorrectedBoundFamilyWise"/> (Bonferroni); NaN when skipped.
    /// </summary>
    public double ConfidenceLevel { get; }

    /// <summary>
    /// Under reverse validation (<see cref="AutoEvidence.ReverseValidation"/>, where a class has a single labeled row):
    /// the one-sided sign test's p-value of the candidate's reverse model against the supervised trainer's, on the
    /// labeled rows only one of the two got right (the chance of the candidate's wins or more if each such row were a
    /// coin toss). <see cref="FoldAccuracies"/> and <see cref="SupervisedFoldAccuracies"/> then hold one value each,
    /// the two reverse models' accuracy on the labeled rows. The candidate passes when the p-value is below
    /// 1 - <see cref="ConfidenceLevel"/> and its reverse model got more rows right than the supervised one's. NaN under
    /// cross-validation or when skipped.
    /// </summary>
    public double SignTestPValue { get; internal init; } = double.NaN;

    /// <summary>
    /// Per fold, the test rows the candidate got right and the supervised trainer wrong, the reverse, and the test rows:
    /// the paired evidence the decision rule reads (reverse validation: one entry, the labeled rows only each reverse
    /// model got right). Empty when skipped or read back from a report saved before they were.
    /// </summary>
    internal (int CandidateOnly, int SupervisedOnly, int TestRows)[] FoldCounts { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => !WasEvaluated ? $"{Name}: skipped ({SkipReason})"
        : !double.IsNaN(SignTestPValue) ? FormattableString.Invariant(
            $"{Name}: reverse accuracy {FoldAccuracies[0]:F3} against {SupervisedFoldAccuracies[0]:F3} supervised on the labeled rows{ReverseCounts}, sign test p {SignTestPValue:0.####} (chosen only below {1 - ConfidenceLevel:0.####})")
        : FormattableString.Invariant(
            $"{Name}: accuracy {FoldAccuracies.Average():F3} against {SupervisedFoldAccuracies.Average():F3} supervised, difference {100 * Difference:+0.0;-0.0} points, lower bound {100 * LowerConfidenceBound:+0.0;-0.0} ({100 * ConfidenceLevel:0.##} %) over {FoldAccuracies.Count} folds");

    private string ReverseCounts => FoldCounts is [var counts]
        ? FormattableString.Invariant($", {counts.CandidateOnly} of {counts.TestRows} rows only its reverse model got right, {counts.SupervisedOnly} only the supervised one's")
        : "";
}

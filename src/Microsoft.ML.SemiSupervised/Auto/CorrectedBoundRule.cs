using Microsoft.ML.SemiSupervised.Evaluation;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// The decision rules of <see cref="AutoDecisionRule"/>: a candidate beats the supervised trainer when the one-sided
/// lower bound of its mean fold gain is above 0. The bound uses the corrected resampled t statistic (Nadeau and
/// Bengio 2003; Bouckaert and Frank 2004 for repeats: the variance of the differences times 1/n + 1/(k - 1) for n
/// differences from repeats of k folds, Student's t with n - 1 degrees of freedom), the variance at least the binomial
/// variance of a fold's difference (as <c>CompareWithSupervised</c>).
/// </summary>
internal sealed class CorrectedBoundRule
{
    private const double Level = 0.95;
    private readonly bool _familyWise;

    private CorrectedBoundRule(AutoDecisionRule rule, bool familyWise, string description)
    {
        Rule = rule;
        _familyWise = familyWise;
        Description = description;
    }

    /// <summary>The rule of <paramref name="rule"/>.</summary>
    public static CorrectedBoundRule For(AutoDecisionRule rule) => rule switch
    {
        AutoDecisionRule.CorrectedBoundFamilyWise => new(rule, familyWise: true, "corrected resampled t lower bound above 0 at 95 % for the family of candidates (Bonferroni)"),
        _ => new(AutoDecisionRule.CorrectedBound, familyWise: false, "corrected resampled t lower bound above 0 at 95 % for each candidate, more repeats while a positive gain is not yet shown"),
    };

    /// <summary>Which rule this is.</summary>
    public AutoDecisionRule Rule { get; }

    /// <summary>The rule in words, for the report and the log.</summary>
    public string Description { get; }

    /// <summary>The one-sided level of each candidate's bound when <paramref name="candidatesCompared"/> candidates are compared.</summary>
    public double LevelFor(int candidatesCompared) => _familyWise ? 1 - (1 - Level) / Math.Max(1, candidatesCompared) : Level;

    /// <summary>The lower bound of the candidate's gain at <paramref name="level"/>, in [-1, 1].</summary>
    public static double LowerBound(PairedFoldEvidence evidence, double level)
    {
        int candidateOnly = evidence.FoldCounts.Sum(c => c.CandidateOnly);
        int supervisedOnly = evidence.FoldCounts.Sum(c => c.SupervisedOnly);
        int testRows = evidence.FoldCounts.Sum(c => c.TestRows);
        int n = evidence.Differences.Length;
        double floor = BaselineComparison.MinimumVariance(candidateOnly, supervisedOnly, testRows, n);
        double standardError = BaselineComparison.CorrectedStandardError(evidence.Differences, evidence.FoldsPerRepeat, floor);
        return Math.Max(-1, evidence.MeanDifference - StudentT.Quantile(level, n - 1) * standardError);
    }

    /// <summary>The candidate chosen among the evaluated ones: the largest mean gain among those whose lower bound is above 0; null when none is.</summary>
    public static AutoCandidateResult? Best(IEnumerable<AutoCandidateResult> evaluated) =>
        evaluated.Where(r => r.WasEvaluated && r.LowerConfidenceBound > 0).OrderByDescending(r => r.Difference).FirstOrDefault();

    /// <summary>Whether a candidate may get more repeats than <see cref="AutoOptions.NumberOfRepeats"/>.</summary>
    public bool AllowsMoreRepeats => !_familyWise;

    /// <summary>
    /// Whether the evidence is worth more repeats: the rule allows them, the gain is positive, and its bound is not
    /// above 0 yet.
    /// </summary>
    public bool WantsMoreRepeats(PairedFoldEvidence evidence, double lowerBound) =>
        !_familyWise && evidence.MeanDifference > 0 && !(lowerBound > 0);
}

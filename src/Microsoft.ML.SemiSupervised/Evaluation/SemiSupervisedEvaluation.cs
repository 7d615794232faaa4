namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>
/// A semi-supervised estimator against its supervised baseline, cross-validated over the labeled rows:
/// per-fold metrics, the mean difference in accuracy with its 95 % confidence interval, and a verdict.
/// </summary>
/// <remarks>
/// Folds share most of their training rows, so their differences are not independent; the interval uses
/// Nadeau and Bengio's corrected resampled t-test (variance times 1/k + 1/(k-1)), which is wider, and
/// more honest, than the naive one. The variance is at least the binomial variance of one fold's difference
/// (so folds that all agree do not give a zero-width interval), and the interval is clipped to [-1, 1].
/// Folds with fewer labeled test rows than <see cref="SemiSupervisedEvaluationOptions.MinimumTestRowsPerFold"/>
/// give no verdict (<see cref="EvaluationVerdict.Inconclusive"/>).
/// </remarks>
public sealed class SemiSupervisedEvaluation
{
    private readonly int _minimumTestRowsPerFold;

    internal SemiSupervisedEvaluation(IReadOnlyList<FoldComparison> folds, double lower, double upper, int minimumTestRowsPerFold)
    {
        Folds = folds;
        ConfidenceIntervalLower = lower;
        ConfidenceIntervalUpper = upper;
        _minimumTestRowsPerFold = minimumTestRowsPerFold;
    }

    /// <summary>Every fold's comparison.</summary>
    public IReadOnlyList<FoldComparison> Folds { get; }

    /// <summary>The mean accuracy of the semi-supervised model over the folds.</summary>
    public double SemiSupervisedAccuracy => Folds.Average(f => f.SemiSupervisedAccuracy);

    /// <summary>The mean accuracy of the supervised baseline over the folds.</summary>
    public double SupervisedAccuracy => Folds.Average(f => f.SupervisedAccuracy);

    /// <summary>The mean of the folds' differences (semi-supervised minus supervised accuracy).</summary>
    public double Difference => Folds.Average(f => f.Difference);

    /// <summary>The lower end of the 95 % confidence interval of <see cref="Difference"/>, at least -1.</summary>
    public double ConfidenceIntervalLower { get; }

    /// <summary>The upper end of the 95 % confidence interval of <see cref="Difference"/>, at most 1.</summary>
    public double ConfidenceIntervalUpper { get; }

    /// <summary>
    /// Inconclusive when a fold has fewer labeled test rows than <see cref="SemiSupervisedEvaluationOptions.MinimumTestRowsPerFold"/>;
    /// otherwise helped, no measurable gain, or hurt, from where the confidence interval lies.
    /// </summary>
    public EvaluationVerdict Verdict => SmallestFold < _minimumTestRowsPerFold ? EvaluationVerdict.Inconclusive
        : ConfidenceIntervalLower > 0 ? EvaluationVerdict.Helped
        : ConfidenceIntervalUpper < 0 ? EvaluationVerdict.Hurt
        : EvaluationVerdict.NoMeasurableGain;

    /// <summary>The verdict in one line, with the numbers (accuracy points).</summary>
    public string Summary => Verdict switch
    {
        EvaluationVerdict.Helped => FormattableString.Invariant($"unlabeled data helped by {100 * Difference:F1} points ({Interval})"),
        EvaluationVerdict.Hurt => FormattableString.Invariant($"it hurt: {100 * -Difference:F1} points less accurate ({Interval})"),
        EvaluationVerdict.Inconclusive => FormattableString.Invariant(
            $"cannot decide: the smallest fold has {SmallestFold} labeled test rows, too few to measure a difference (MinimumTestRowsPerFold is {_minimumTestRowsPerFold}); label more rows or use fewer folds (difference {100 * Difference:+0.0;-0.0} points, {Interval})"),
        _ => FormattableString.Invariant($"no measurable gain (difference {100 * Difference:+0.0;-0.0} points, {Interval})"),
    };

    private int SmallestFold => Folds.Min(f => f.TestCount);

    private string Interval => FormattableString.Invariant($"95 % CI {100 * ConfidenceIntervalLower:+0.0;-0.0} to {100 * ConfidenceIntervalUpper:+0.0;-0.0}");

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{Summary}; accuracy {SemiSupervisedAccuracy:F3} semi-supervised, {SupervisedAccuracy:F3} supervised, over {Folds.Count} folds");
}

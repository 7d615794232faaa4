using System.Globalization;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// The decision of <see cref="AutoEstimator"/>: repeated stratified cross-validation over the labeled rows, unlabeled
/// rows in every training fold of a candidate; a candidate is chosen only when the lower confidence bound of its gain
/// over the supervised trainer is above 0 (<see cref="CorrectedBoundRule"/>), with more repeats for a candidate whose
/// positive gain is not yet shown when the rule allows them.
/// </summary>
internal sealed class AutoSelection
{
    private readonly MLContext _context;
    private readonly IDataView _data;
    private readonly LabelSet _labels;
    private readonly AutoOptions _options;
    private readonly FitBudget _budget;
    private readonly IChannel _channel;
    private (int[] Fold, int Test)[] _splits = [];
    private int[][] _testClasses = [];
    private ScoredMetrics[] _baseline = [];
    private Func<IEstimator<ITransformer>>? _supervised;
    private ReverseValidation? _reverse;

    public AutoSelection(MLContext context, IDataView data, LabelSet labels, AutoOptions options, FitBudget budget, IChannel channel)
    {
        _context = context;
        _data = data;
        _labels = labels;
        _options = options;
        _budget = budget;
        _channel = channel;
    }

    /// <summary>The folds per repeat used; 0 until <see cref="Choose"/> ran the cross-validation.</summary>
    public int Folds { get; private set; }

    /// <summary>The repeats every candidate had; 0 until <see cref="Choose"/> ran the cross-validation.</summary>
    public int Repeats { get; private set; }

    /// <summary>The evidence gathered: none until the supervised trainer was evaluated by <see cref="Choose"/> or <see cref="ChooseByReverseValidation"/>.</summary>
    public AutoEvidence EvidenceUsed { get; private set; } = AutoEvidence.None;

    /// <summary>The model fitted on all rows of the supervised trainer or of a candidate, when the selection fitted it (reverse validation); null otherwise.</summary>
    public ITransformer? FittedOnAllRows(AutoCandidate? chosen) => _reverse?.FittedOnAllRows(chosen?.Name ?? AutoDefaults.SupervisedName);

    /// <summary>Why the labels cannot be cross-validated, or null when they can.</summary>
    public static string? CannotCrossValidate(LabelSet labels, AutoOptions options) => FoldsFor(labels, options) < 2
        ? "a class has a single labeled row, and cross-validation needs at least 2 labeled rows of every class to measure whether unlabeled rows help"
        : null;

    /// <summary>The folds per repeat: as asked, or fewer when a class has fewer labeled rows.</summary>
    private static int FoldsFor(LabelSet labels, AutoOptions options) =>
        Math.Min(options.NumberOfFolds, labels.CountPerClass().Where(n => n > 0).Min());

    /// <summary>
    /// Whether the labeled rows are cross-validated by leaving one out: asked for, a class has fewer labeled rows than
    /// the folds asked for (but at least 2), and leaving each labeled row out costs no more fits than the repeated
    /// folds may.
    /// </summary>
    public static bool UsesLeaveOneOut(LabelSet labels, AutoOptions options) =>
        options.LeaveOneOutWithFewLabels
        && FoldsFor(labels, options) is >= 2 and var folds && folds < options.NumberOfFolds
        && labels.LabeledCount <= options.NumberOfFolds * Math.Max(options.NumberOfRepeats, options.MaximumNumberOfRepeats);

    /// <summary>One fold per labeled row (in row order), -1 for the unlabeled rows.</summary>
    internal static int[] LeaveOneOut(int[] classes)
    {
        var fold = new int[classes.Length];
        int next = 0;
        for (int r = 0; r < classes.Length; r++)
            fold[r] = classes[r] >= 0 ? next++ : -1;
        return fold;
    }

    /// <summary>Evaluates every candidate and returns the results with the chosen one (null: the supervised trainer) and why.</summary>
    public (IReadOnlyList<AutoCandidateResult> Results, AutoCandidate? Chosen, string Reason) Choose(
        Func<IEstimator<ITransformer>> supervised, IReadOnlyList<AutoCandidate> candidates, int seed)
    {
        var rule = CorrectedBoundRule.For(_options.DecisionRule);
        var classes = _labels.Classes;
        // Leave-one-out is deterministic: one repeat of as many folds as labeled rows, nothing to repeat.
        bool leaveOneOut = UsesLeaveOneOut(_labels, _options);
        int folds = leaveOneOut ? _labels.LabeledCount : FoldsFor(_labels, _options);
        int repeats = leaveOneOut ? 1 : _options.NumberOfRepeats;
        int mostRepeats = leaveOneOut ? 1 : rule.AllowsMoreRepeats ? Math.Max(repeats, _options.MaximumNumberOfRepeats) : repeats;
        // Every repeat's folds are drawn up front: the first repeats' folds do not depend on how many may follow.
        var random = new Random(seed);
        var assignments = leaveOneOut ? [LeaveOneOut(classes)]
            : Enumerable.Range(0, mostRepeats).Select(_ => BaselineComparison.AssignFolds(classes, _labels.Catalog.Count, folds, random)).ToArray();
        _splits = assignments.SelectMany(fold => Enumerable.Range(0, folds).Select(f => (Fold: fold, Test: f))).ToArray();
        _testClasses = _splits.Select(s => classes.Where((_, r) => s.Fold[r] == s.Test).ToArray()).ToArray();
        _baseline = new ScoredMetrics[_splits.Length];
        _supervised = supervised;

        if (BaselineUpTo(repeats * folds) is { } spent)
            return (candidates.Select(c => Skipped(c, spent)).ToArray(), null, spent + " before the supervised trainer was cross-validated");
        Folds = folds;
        Repeats = repeats;
        EvidenceUsed = AutoEvidence.CrossValidation;
        _channel.Info(MessageSensitivity.None, FormattableString.Invariant(
            $"auto: supervised accuracy {_baseline.Take(repeats * folds).Average(b => b.Accuracy):F3} over {repeats * folds} folds ({(leaveOneOut ? "leave-one-out, a class has fewer labeled rows than NumberOfFolds" : $"{Repeats} repeats of {folds}")}); rule {rule.Rule}: {rule.Description}"));

        // The level is fixed before any candidate is tried (family-wise: shared among the candidates that can run on the data).
        int planned = candidates.Count(c => c.CannotRunOn?.Invoke(_data.Schema) is null);
        double level = rule.LevelFor(planned);
        var results = new List<AutoCandidateResult>();
        foreach (var candidate in candidates)
        {
            var result = Judge(candidate, rule, level, repeats * folds, mostRepeats * folds, seed);
            results.Add(result);
            _channel.Info(MessageSensitivity.None, "auto: " + result);
            _options.IterationCompleted?.Invoke(result);
        }
        return Decide(results.ToArray(), candidates, rule);
    }

    /// <summary>
    /// Where a class has a single labeled row: judges every candidate by reverse validation against the supervised
    /// trainer and returns the results with the chosen one (null: the supervised trainer) and why.
    /// </summary>
    public (IReadOnlyList<AutoCandidateResult> Results, AutoCandidate? Chosen, string Reason) ChooseByReverseValidation(
        Func<IEstimator<ITransformer>> supervised, IReadOnlyList<AutoCandidate> candidates, int seed)
    {
        var rule = CorrectedBoundRule.For(_options.DecisionRule);
        _reverse = new ReverseValidation(_context, _data, _labels, supervised, _budget, _channel);
        if (_reverse.RunSupervised() is { } spent)
            return (candidates.Select(c => Skipped(c, spent)).ToArray(), null, spent + " before the supervised trainer was reverse-validated");
        EvidenceUsed = AutoEvidence.ReverseValidation;
        int planned = candidates.Count(c => c.CannotRunOn?.Invoke(_data.Schema) is null);
        double level = rule.LevelFor(planned);
        _channel.Info(MessageSensitivity.None, FormattableString.Invariant(
            $"auto: {ReverseValidation.Evidence}: the supervised trainer's reverse model got {_reverse.SupervisedAccuracy:F3} of the {_reverse.LabeledRows} labeled rows right; rule {rule.Rule}: a candidate passes with a one-sided sign test p below {1 - level:0.####} and more rows won than lost"));
        var results = new List<AutoCandidateResult>();
        foreach (var candidate in candidates)
        {
            var result = _reverse.Judge(candidate, level, seed);
            results.Add(result);
            _channel.Info(MessageSensitivity.None, "auto: " + result);
            _options.IterationCompleted?.Invoke(result);
        }
        var (best, reason) = ReverseValidation.Decide(results, _reverse.SupervisedAccuracy, _reverse.LabeledRows, rule.Rule);
        return (results, best is null ? null : candidates.Single(c => c.Name == best.Name), reason);
    }

    /// <summary>Cross-validates the supervised trainer on the splits before <paramref name="end"/> not yet done; says why not when the budget ran out.</summary>
    private string? BaselineUpTo(int end)
    {
        for (int i = 0; i < end; i++)
        {
            if (_baseline[i] is not null)
                continue;
            if (_budget.Exhausted() is { } spent)
                return spent;
            var (fold, test) = _splits[i];
            var train = new RowSelectionDataView(_data, fold.Select(x => x >= 0 && x != test).ToArray());
            var model = _budget.Count(() => _supervised!().Fit(train));
            _baseline[i] = ModelMetrics.Measure(_context, model, new RowSelectionDataView(_data, fold.Select(x => x == test).ToArray()), _testClasses[i], _labels.Catalog, evaluatorMetrics: false);
        }
        return null;
    }

    /// <summary>
    /// Cross-validates one candidate on the first splits and judges it; when the rule wants more evidence, on the
    /// splits up to <paramref name="mostSplits"/> as well (the supervised trainer too), and judges it on all of them.
    /// </summary>
    private AutoCandidateResult Judge(AutoCandidate candidate, CorrectedBoundRule rule, double level, int firstSplits, int mostSplits, int seed)
    {
        if (candidate.CannotRunOn?.Invoke(_data.Schema) is { } cannot)
            return Skipped(candidate, cannot);
        var (metrics, reason) = Evaluate(candidate, 0, firstSplits, seed);
        if (metrics is null)
            return Skipped(candidate, reason!);
        var evidence = Evidence(metrics);
        double lower = CorrectedBoundRule.LowerBound(evidence, level);
        if (mostSplits > firstSplits && rule.WantsMoreRepeats(evidence, lower))
        {
            _channel.Info(MessageSensitivity.None, FormattableString.Invariant(
                $"auto: {candidate.Name} gains {100 * evidence.MeanDifference:+0.0;-0.0} points over {firstSplits} folds, lower bound {100 * lower:+0.0;-0.0}: {(mostSplits - firstSplits) / Folds} more repeats"));
            var (more, _) = BaselineUpTo(mostSplits) is null ? Evaluate(candidate, firstSplits, mostSplits, seed) : (null, null);
            if (more is not null)
            {
                evidence = Evidence([.. metrics, .. more]);
                lower = CorrectedBoundRule.LowerBound(evidence, level);
            }
        }
        return new AutoCandidateResult(candidate.Name, null, evidence.CandidateAccuracies, evidence.SupervisedAccuracies, lower, level) { FoldCounts = evidence.FoldCounts };
    }

    /// <summary>The paired evidence of a candidate's metrics on the first splits against the supervised trainer's on the same splits.</summary>
    private PairedFoldEvidence Evidence(ScoredMetrics[] metrics) => new(
        metrics.Select(m => m.Accuracy).ToArray(),
        metrics.Select((_, i) => _baseline[i].Accuracy).ToArray(),
        metrics.Select((m, i) => (m.Correct.Where((c, r) => c && !_baseline[i].Correct[r]).Count(), _baseline[i].Correct.Where((c, r) => c && !m.Correct[r]).Count(), m.Correct.Length)).ToArray(),
        Folds);

    /// <summary>Cross-validates one candidate on the splits from <paramref name="from"/> to before <paramref name="to"/>, or says why it cannot be.</summary>
    private (ScoredMetrics[]? Metrics, string? SkipReason) Evaluate(AutoCandidate candidate, int from, int to, int seed)
    {
        var metrics = new ScoredMetrics[to - from];
        for (int i = from; i < to; i++)
        {
            if (_budget.Exhausted() is { } spent)
                return (null, spent);
            var (fold, test) = _splits[i];
            var train = new RowSelectionDataView(_data, fold.Select(x => x != test).ToArray());
            var testRows = new RowSelectionDataView(_data, fold.Select(x => x == test).ToArray());
            try
            {
                var model = _budget.Count(() => candidate.Create(seed).Fit(train));
                metrics[i - from] = ModelMetrics.Measure(_context, model, testRows, _testClasses[i], _labels.Catalog, evaluatorMetrics: false);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                string reason = string.Format(CultureInfo.InvariantCulture, "its fit failed on fold {0}: {1}", i, e.Message);
                _channel.Warning(MessageSensitivity.None, $"auto: candidate {candidate.Name} is skipped: {reason}");
                return (null, reason);
            }
        }
        return (metrics, null);
    }

    private static AutoCandidateResult Skipped(AutoCandidate candidate, string reason) =>
        new(candidate.Name, reason, [], [], double.NaN, double.NaN);

    /// <summary>The candidate with the largest mean gain among those whose lower bound is above 0, or none.</summary>
    private static (IReadOnlyList<AutoCandidateResult>, AutoCandidate?, string) Decide(AutoCandidateResult[] results, IReadOnlyList<AutoCandidate> candidates, CorrectedBoundRule rule)
    {
        var evaluated = results.Where(r => r.WasEvaluated).ToArray();
        if (evaluated.Length == 0)
            return (results, null, "no candidate could be evaluated (see each candidate's reason)");
        var best = CorrectedBoundRule.Best(evaluated);
        if (best is null)
        {
            var closest = evaluated.OrderByDescending(r => r.LowerConfidenceBound).First();
            return (results, null, FormattableString.Invariant(
                $"no candidate beat the supervised trainer with {100 * closest.ConfidenceLevel:0.##} % confidence (the best lower bound, {closest.Name}'s, is {100 * closest.LowerConfidenceBound:+0.0;-0.0} points, difference {100 * closest.Difference:+0.0;-0.0} over {closest.FoldAccuracies.Count} folds; rule {rule.Rule})"));
        }
        return (results, candidates.Single(c => c.Name == best.Name), FormattableString.Invariant(
            $"it beat the supervised trainer by {100 * best.Difference:+0.0;-0.0} points, lower bound {100 * best.LowerConfidenceBound:+0.0;-0.0} at {100 * best.ConfidenceLevel:0.##} % confidence over {best.FoldAccuracies.Count} folds ({evaluated.Length} candidates compared; rule {rule.Rule})"));
    }
}

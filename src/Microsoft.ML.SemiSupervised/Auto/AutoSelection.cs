using System.Globalization;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// The decision of <see cref="AutoEstimator"/>: repeated stratified cross-validation over the labeled rows, unlabeled
/// rows in every training fold of a candidate; a candidate is chosen only when the lower confidence bound of its gain
/// over the supervised trainer is above 0, at a level shared among the candidates (Bonferroni).
/// </summary>
internal sealed class AutoSelection
{
    private readonly MLContext _context;
    private readonly IDataView _data;
    private readonly LabelSet _labels;
    private readonly AutoOptions _options;
    private readonly FitBudget _budget;
    private readonly IChannel _channel;

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

    /// <summary>The repeats run; 0 until <see cref="Choose"/> ran the cross-validation.</summary>
    public int Repeats { get; private set; }

    /// <summary>Why the labels cannot be cross-validated, or null when they can.</summary>
    public static string? CannotCrossValidate(LabelSet labels, AutoOptions options) => FoldsFor(labels, options) < 2
        ? "a class has a single labeled row, and cross-validation needs at least 2 labeled rows of every class to measure whether unlabeled rows help"
        : null;

    /// <summary>The folds per repeat: as asked, or fewer when a class has fewer labeled rows.</summary>
    private static int FoldsFor(LabelSet labels, AutoOptions options) =>
        Math.Min(options.NumberOfFolds, labels.CountPerClass().Where(n => n > 0).Min());

    /// <summary>Evaluates every candidate and returns the results with the chosen one (null: the supervised trainer) and why.</summary>
    public (IReadOnlyList<AutoCandidateResult> Results, AutoCandidate? Chosen, string Reason) Choose(
        Func<IEstimator<ITransformer>> supervised, IReadOnlyList<AutoCandidate> candidates, int seed)
    {
        var classes = _labels.Classes;
        int folds = FoldsFor(_labels, _options);
        var random = new Random(seed);
        var assignments = Enumerable.Range(0, _options.NumberOfRepeats).Select(_ => BaselineComparison.AssignFolds(classes, _labels.Catalog.Count, folds, random)).ToArray();
        var splits = assignments.SelectMany(fold => Enumerable.Range(0, folds).Select(f => (Fold: fold, Test: f))).ToArray();
        var testClasses = splits.Select(s => classes.Where((_, r) => s.Fold[r] == s.Test).ToArray()).ToArray();

        var baseline = new ScoredMetrics[splits.Length];
        for (int i = 0; i < splits.Length; i++)
        {
            if (_budget.Exhausted() is { } spent)
                return (candidates.Select(c => Skipped(c, spent)).ToArray(), null, spent + " before the supervised trainer was cross-validated");
            var (fold, test) = splits[i];
            var train = new RowSelectionDataView(_data, fold.Select(x => x >= 0 && x != test).ToArray());
            var model = _budget.Count(() => supervised().Fit(train));
            baseline[i] = ModelMetrics.Measure(_context, model, new RowSelectionDataView(_data, fold.Select(x => x == test).ToArray()), testClasses[i], _labels.Catalog);
        }
        Folds = folds;
        Repeats = _options.NumberOfRepeats;
        _channel.Info(MessageSensitivity.None, FormattableString.Invariant(
            $"auto: supervised accuracy {baseline.Average(b => b.Accuracy):F3} over {splits.Length} folds ({Repeats} repeats of {folds})"));

        // The level is fixed before any candidate is tried: shared among the candidates that can run on the data.
        int planned = candidates.Count(c => c.CannotRunOn?.Invoke(_data.Schema) is null);
        double level = 1 - (1 - AutoDefaults.ConfidenceLevel) / Math.Max(1, planned);
        var results = new List<AutoCandidateResult>();
        foreach (var candidate in candidates)
        {
            var (metrics, reason) = Evaluate(candidate, splits, testClasses, seed);
            var result = metrics is null ? Skipped(candidate, reason!) : Result(candidate, metrics, baseline, folds, level);
            results.Add(result);
            _channel.Info(MessageSensitivity.None, "auto: " + result);
            _options.IterationCompleted?.Invoke(result);
        }
        return Decide(results.ToArray(), candidates, level);
    }

    /// <summary>Cross-validates one candidate, or says why it cannot be.</summary>
    private (ScoredMetrics[]? Metrics, string? SkipReason) Evaluate(AutoCandidate candidate, (int[] Fold, int Test)[] splits, int[][] testClasses, int seed)
    {
        if (candidate.CannotRunOn?.Invoke(_data.Schema) is { } cannot)
            return (null, cannot);
        var metrics = new ScoredMetrics[splits.Length];
        for (int i = 0; i < splits.Length; i++)
        {
            if (_budget.Exhausted() is { } spent)
                return (null, spent);
            var (fold, test) = splits[i];
            var train = new RowSelectionDataView(_data, fold.Select(x => x != test).ToArray());
            var testRows = new RowSelectionDataView(_data, fold.Select(x => x == test).ToArray());
            try
            {
                var model = _budget.Count(() => candidate.Create(seed).Fit(train));
                metrics[i] = ModelMetrics.Measure(_context, model, testRows, testClasses[i], _labels.Catalog);
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

    private static AutoCandidateResult Result(AutoCandidate candidate, ScoredMetrics[] metrics, ScoredMetrics[] baseline, int foldsPerRepeat, double level)
    {
        var differences = metrics.Select((m, i) => m.Accuracy - baseline[i].Accuracy).ToArray();
        int candidateOnly = metrics.Select((m, i) => m.Correct.Where((c, r) => c && !baseline[i].Correct[r]).Count()).Sum();
        int baselineOnly = metrics.Select((m, i) => baseline[i].Correct.Where((c, r) => c && !m.Correct[r]).Count()).Sum();
        int testRows = metrics.Sum(m => m.Correct.Length);
        double floor = BaselineComparison.MinimumVariance(candidateOnly, baselineOnly, testRows, metrics.Length);
        double standardError = BaselineComparison.CorrectedStandardError(differences, foldsPerRepeat, floor);
        double lower = Math.Max(-1, differences.Average() - StudentT.Quantile(level, differences.Length - 1) * standardError);
        return new AutoCandidateResult(candidate.Name, null, metrics.Select(m => m.Accuracy).ToArray(), baseline.Select(b => b.Accuracy).ToArray(), lower, level);
    }

    private static AutoCandidateResult Skipped(AutoCandidate candidate, string reason) =>
        new(candidate.Name, reason, [], [], double.NaN, double.NaN);

    /// <summary>The candidate with the largest mean gain among those whose lower bound is above 0, or none.</summary>
    private static (IReadOnlyList<AutoCandidateResult>, AutoCandidate?, string) Decide(AutoCandidateResult[] results, IReadOnlyList<AutoCandidate> candidates, double level)
    {
        var evaluated = results.Where(r => r.WasEvaluated).ToArray();
        if (evaluated.Length == 0)
            return (results, null, "no candidate could be evaluated (see each candidate's reason)");
        var best = evaluated.Where(r => r.LowerConfidenceBound > 0).OrderByDescending(r => r.Difference).FirstOrDefault();
        if (best is null)
        {
            var closest = evaluated.OrderByDescending(r => r.LowerConfidenceBound).First();
            return (results, null, FormattableString.Invariant(
                $"no candidate beat the supervised trainer with {100 * level:0.##} % confidence (the best lower bound, {closest.Name}'s, is {100 * closest.LowerConfidenceBound:+0.0;-0.0} points, difference {100 * closest.Difference:+0.0;-0.0})"));
        }
        return (results, candidates.Single(c => c.Name == best.Name), FormattableString.Invariant(
            $"it beat the supervised trainer by {100 * best.Difference:+0.0;-0.0} points, lower bound {100 * best.LowerConfidenceBound:+0.0;-0.0} at {100 * level:0.##} % confidence ({evaluated.Length} candidates compared)"));
    }
}

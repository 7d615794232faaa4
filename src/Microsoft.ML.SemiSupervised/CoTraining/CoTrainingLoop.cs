using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// The co-training rounds over rows held in memory (Blum and Mitchell 1998): each view's model scores a pool of
/// unlabeled rows and labels its most confident ones, per class, for both; the pool is refilled from the unlabeled
/// rows; the models learn again from the grown labeled set.
/// </summary>
internal sealed class CoTrainingLoop
{
    private readonly CoTrainingOptions _options;
    private readonly CoTrainingView[] _views;
    private readonly ClassifierScorer[] _scorers;
    private readonly ClassCatalog _classes;
    private readonly int[] _assigned;
    private readonly int[] _labeledRound;
    private readonly List<CoTrainingIteration> _rounds = new();

    /// <param name="options">The options.</param>
    /// <param name="views">The two views, whose label columns read <paramref name="assigned"/>.</param>
    /// <param name="scorers">One scorer per view.</param>
    /// <param name="classes">The classes.</param>
    /// <param name="assigned">Each row's class, -1 where unlabeled; the loop writes the labels it gives here.</param>
    public CoTrainingLoop(CoTrainingOptions options, CoTrainingView[] views, ClassifierScorer[] scorers, ClassCatalog classes, int[] assigned)
    {
        _options = options;
        _views = views;
        _scorers = scorers;
        _classes = classes;
        _assigned = assigned;
        _labeledRound = assigned.Select(c => c >= 0 ? 0 : -1).ToArray();
    }

    /// <summary>Runs the rounds and fits each view's final model on every labeled row.</summary>
    public (ITransformer[] Models, CoTrainingStopReason Stop, IReadOnlyList<CoTrainingIteration> Iterations, int[] LabeledIteration) Run(IChannel channel, Random random)
    {
        var counts = CountsPerClass();
        var reserve = new Queue<int>(Shuffled(Enumerable.Range(0, _assigned.Length).Where(r => _assigned[r] < 0).ToArray(), random));
        var pool = new List<int>();
        Refill(pool, reserve);
        channel.Info(MessageSensitivity.None,
            $"Co-training on {_assigned.Count(c => c >= 0)} labeled rows and {pool.Count + reserve.Count} unlabeled rows, pool of {_options.PoolSize}.");

        CoTrainingStopReason? stop = pool.Count == 0 ? CoTrainingStopReason.NoUnlabeledRows : null;
        while (stop is null)
        {
            if (_rounds.Count >= _options.MaximumNumberOfIterations)
            {
                stop = CoTrainingStopReason.MaximumIterationsReached;
                break;
            }
            int round = _rounds.Count + 1;
            var rows = pool.ToArray();
            var predictions = new ClassPrediction[_views.Length][];
            for (int v = 0; v < _views.Length; v++)
                predictions[v] = _scorers[v].Predict(FitOnLabeled(_views[v]), rows, _views[v]);
            double agreement = (double)Enumerable.Range(0, rows.Length).Count(i => predictions[0][i].Class == predictions[1][i].Class) / rows.Length;

            var taken = new bool[rows.Length];
            var added = new int[_views.Length][];
            for (int v = 0; v < _views.Length; v++)
            {
                added[v] = new int[_classes.Count];
                foreach (var i in Select(predictions[v], taken, counts))
                {
                    taken[i] = true;
                    _assigned[rows[i]] = predictions[v][i].Class;
                    _labeledRound[rows[i]] = round;
                    added[v][predictions[v][i].Class]++;
                }
            }
            pool.RemoveAll(r => _assigned[r] >= 0);
            Refill(pool, reserve);
            Record(new CoTrainingIteration(round, added, agreement, rows.Length, _assigned.Count(c => c >= 0)), channel);

            if (added.All(a => a.Sum() == 0))
                stop = CoTrainingStopReason.NoChange;
            else if (pool.Count == 0)
                stop = CoTrainingStopReason.AllLabeled;
        }

        var models = _views.Select(FitOnLabeled).ToArray();
        return (models, stop.Value, _rounds, _labeledRound);
    }

    private ITransformer FitOnLabeled(CoTrainingView view)
    {
        _options.CancellationToken.ThrowIfCancellationRequested();
        view.TrainingRows = Enumerable.Range(0, _assigned.Length).Where(r => _assigned[r] >= 0).ToArray();
        return view.Fit(view.TrainingRows);
    }

    /// <summary>The pool rows a view's model labels: per class its most confident, or all above the threshold; none taken already.</summary>
    private IEnumerable<int> Select(ClassPrediction[] predictions, bool[] taken, int[] counts)
    {
        var ranked = Enumerable.Range(0, predictions.Length).Where(i => !taken[i])
            .OrderByDescending(i => predictions[i].Confidence).ThenBy(i => i).ToArray();
        if (_options.Criterion == CoTrainingCriterion.Threshold)
            return ranked.Where(i => predictions[i].Confidence >= _options.ConfidenceThreshold).ToArray();
        var left = (int[])counts.Clone();
        return ranked.Where(i => left[predictions[i].Class]-- > 0).ToArray();
    }

    /// <summary>The rows per class each view labels per round: the option, or the labeled class ratio with the rarest class at 1.</summary>
    private int[] CountsPerClass()
    {
        if (_options.CountPerClass is { } given)
            return given.ToArray();
        var labeled = new int[_classes.Count];
        foreach (var c in _assigned)
        {
            if (c >= 0)
                labeled[c]++;
        }
        int rarest = labeled.Where(n => n > 0).Min();
        return labeled.Select(n => n == 0 ? 0 : Math.Max(1, (int)Math.Round((double)n / rarest))).ToArray();
    }

    private void Refill(List<int> pool, Queue<int> reserve)
    {
        while (pool.Count < _options.PoolSize && reserve.Count > 0)
            pool.Add(reserve.Dequeue());
    }

    private static int[] Shuffled(int[] rows, Random random)
    {
        random.Shuffle(rows);
        return rows;
    }

    private void Record(CoTrainingIteration round, IChannel channel)
    {
        _rounds.Add(round);
        channel.Info(MessageSensitivity.None, round.ToString());
        _options.IterationCompleted?.Invoke(round);
    }
}

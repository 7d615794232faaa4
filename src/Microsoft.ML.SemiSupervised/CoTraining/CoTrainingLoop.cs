using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// The co-training rounds over rows held in memory (Blum and Mitchell 1998): each view's model scores a pool of
/// unlabeled rows and labels the ones the selection rule chooses (by default its most confident, per class) for both;
/// the pool is refilled from the unlabeled rows; the models learn again from the grown labeled set.
/// </summary>
internal sealed class CoTrainingLoop
{
    private readonly CoTrainingOptions _options;
    private readonly CoTrainingView[] _views;
    private readonly ClassifierScorer[] _scorers;
    private readonly ClassCatalog _classes;
    private readonly int[] _assigned;
    private readonly int[] _labeledRound;
    private readonly int[] _labeledClassCounts;
    private readonly List<CoTrainingIteration> _rounds = new();

    /// <param name="options">The options.</param>
    /// <param name="views">The two views, whose label columns read <paramref name="assigned"/>.</param>
    /// <param name="scorers">One scorer per view.</param>
    /// <param name="classes">The classes.</param>
    /// <param name="assigned">Each row's class, -1 where unlabeled; the loop writes the labels it gives here.</param>
    /// <exception cref="ArgumentException">The selection rule does not fit the classes.</exception>
    public CoTrainingLoop(CoTrainingOptions options, CoTrainingView[] views, ClassifierScorer[] scorers, ClassCatalog classes, int[] assigned)
    {
        options.Selection.CheckClasses(options.LabelColumnName, classes.Names);
        _options = options;
        _views = views;
        _scorers = scorers;
        _classes = classes;
        _assigned = assigned;
        _labeledRound = assigned.Select(c => c >= 0 ? 0 : -1).ToArray();
        _labeledClassCounts = new int[classes.Count];
        foreach (var c in assigned)
        {
            if (c >= 0)
                _labeledClassCounts[c]++;
        }
    }

    /// <summary>Runs the rounds and fits each view's final model on every labeled row.</summary>
    public (ITransformer[] Models, CoTrainingStopReason Stop, IReadOnlyList<CoTrainingIteration> Iterations, int[] LabeledIteration) Run(IChannel channel, Random random)
    {
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
                var open = Enumerable.Range(0, rows.Length).Where(i => !taken[i]).ToArray();
                var candidates = new PseudoLabelCandidates(round, Array.AsReadOnly(open.Select(i => rows[i]).ToArray()),
                    new ArraySegment<ClassPrediction>(open.Select(i => predictions[v][i]).ToArray()), _views[v].TrainingRows, _assigned,
                    _views[v].Features, _labeledClassCounts, random);
                foreach (var label in PseudoLabelSelection.SelectChecked(_options.Selection, candidates))
                {
                    int i = open[label.Candidate];
                    taken[i] = true;
                    _assigned[rows[i]] = label.Class;
                    _labeledRound[rows[i]] = round;
                    added[v][label.Class]++;
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

    private ITransformer FitOnLabeled(CoTrainingView view) => view.Refit(Enumerable.Range(0, _assigned.Length).Where(r => _assigned[r] >= 0).ToArray());

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

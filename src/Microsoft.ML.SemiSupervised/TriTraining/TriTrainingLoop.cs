using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>
/// The tri-training rounds of Zhou and Li (2005): three models from bootstrap samples of the labeled rows; in each round
/// a model is retrained on the labeled rows plus the unlabeled rows on which the other two agree, when the other two's
/// error rate on the labeled rows (where they agree) fell and the new rows are enough to outweigh the noise they bring.
/// </summary>
internal sealed class TriTrainingLoop
{
    private const int BootstrapAttempts = 100;
    private readonly TriTrainingOptions _options;
    private readonly TriTrainingMember[] _members;
    private readonly ClassifierScorer[] _scorers;
    private readonly int[] _truth;
    private readonly int _classCount;
    private readonly List<TriTrainingIteration> _rounds = new();

    public TriTrainingLoop(TriTrainingOptions options, TriTrainingMember[] members, ClassifierScorer[] scorers, LabelSet labels)
    {
        _options = options;
        _members = members;
        _scorers = scorers;
        _truth = labels.Classes;
        _classCount = labels.Catalog.Count;
    }

    /// <summary>Runs the rounds; the members keep their final models.</summary>
    public (TriTrainingStopReason Stop, IReadOnlyList<TriTrainingIteration> Iterations) Run(IChannel channel, Random random)
    {
        var labeled = Enumerable.Range(0, _truth.Length).Where(r => _truth[r] >= 0).ToArray();
        var unlabeled = Enumerable.Range(0, _truth.Length).Where(r => _truth[r] < 0).ToArray();
        channel.Info(MessageSensitivity.None, $"Tri-training on {labeled.Length} labeled rows and {unlabeled.Length} unlabeled rows.");
        foreach (var member in _members)
            member.Refit(Bootstrap(labeled, random));
        if (unlabeled.Length == 0)
            return (TriTrainingStopReason.NoUnlabeledRows, _rounds);

        var previousError = new double[] { 0.5, 0.5, 0.5 };
        var previousSize = new double[3];
        while (true)
        {
            _options.CancellationToken.ThrowIfCancellationRequested();
            if (_rounds.Count >= _options.MaximumNumberOfIterations)
                return (TriTrainingStopReason.MaximumIterationsReached, _rounds);
            var onLabeled = Predict(labeled);
            var onUnlabeled = Predict(unlabeled);
            var error = new double[3];
            var agreement = new double[3];
            var given = new (int[] Rows, int[] Classes)?[3];
            for (int i = 0; i < 3; i++)
            {
                int j = (i + 1) % 3, k = (i + 2) % 3;
                error[i] = JointError(onLabeled[j], onLabeled[k], labeled);
                var agreed = Enumerable.Range(0, unlabeled.Length).Where(u => onUnlabeled[j][u] == onUnlabeled[k][u]).ToArray();
                agreement[i] = (double)agreed.Length / unlabeled.Length;
                if (error[i] >= previousError[i])
                    continue;
                double e = error[i], ePrevious = previousError[i];
                if (previousSize[i] == 0)
                    previousSize[i] = Math.Floor(e / (ePrevious - e) + 1);
                if (previousSize[i] >= agreed.Length)
                    continue;
                if (e * agreed.Length < ePrevious * previousSize[i])
                    given[i] = (agreed.Select(u => unlabeled[u]).ToArray(), agreed.Select(u => onUnlabeled[j][u]).ToArray());
                else if (previousSize[i] > e / (ePrevious - e))
                {
                    int size = (int)Math.Ceiling(ePrevious * previousSize[i] / e - 1);
                    var kept = agreed.OrderBy(_ => random.Next()).Take(size).Order().ToArray();
                    given[i] = (kept.Select(u => unlabeled[u]).ToArray(), kept.Select(u => onUnlabeled[j][u]).ToArray());
                }
            }

            var added = new int[3][];
            for (int i = 0; i < 3; i++)
            {
                added[i] = new int[_classCount];
                if (given[i] is not { } rows)
                    continue;
                _members[i].Label(unlabeled, rows.Rows, rows.Classes);
                _members[i].Refit(labeled.Concat(rows.Rows).ToArray());
                previousError[i] = error[i];
                previousSize[i] = rows.Rows.Length;
                foreach (var c in rows.Classes)
                    added[i][c]++;
            }
            Record(new TriTrainingIteration(_rounds.Count + 1, added, error, agreement, given.Select(g => g is not null).ToArray()), channel);
            if (given.All(g => g is null))
                return (TriTrainingStopReason.NoChange, _rounds);
        }
    }

    /// <summary>Each member's predicted class of <paramref name="rows"/>.</summary>
    private int[][] Predict(int[] rows) =>
        Enumerable.Range(0, 3).Select(i => _scorers[i].Predict(_members[i].Model!, rows, _members[i]).Select(p => p.Class).ToArray()).ToArray();

    /// <summary>The error of two models on the labeled rows where they agree (1 when they agree on none, so that nothing is added).</summary>
    private double JointError(int[] first, int[] second, int[] labeled)
    {
        int agreed = 0, wrong = 0;
        for (int i = 0; i < labeled.Length; i++)
        {
            if (first[i] != second[i])
                continue;
            agreed++;
            wrong += first[i] != _truth[labeled[i]] ? 1 : 0;
        }
        return agreed == 0 ? 1 : (double)wrong / agreed;
    }

    /// <summary>A bootstrap sample of the labeled rows with at least two classes (redrawn when one class fills it).</summary>
    private int[] Bootstrap(int[] labeled, Random random)
    {
        int[] sample = [];
        for (int attempt = 0; attempt < BootstrapAttempts; attempt++)
        {
            sample = Enumerable.Range(0, labeled.Length).Select(_ => labeled[random.Next(labeled.Length)]).ToArray();
            if (sample.Select(r => _truth[r]).Distinct().Count() >= 2)
                return sample;
        }
        return labeled;
    }

    private void Record(TriTrainingIteration round, IChannel channel)
    {
        _rounds.Add(round);
        channel.Info(MessageSensitivity.None, round.ToString());
        _options.IterationCompleted?.Invoke(round);
    }
}

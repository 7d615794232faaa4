using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>
/// The self-training loop over rows held in memory: fit the inner trainer on the labeled rows, predict
/// the unlabeled ones, give the selected rows their predicted class as a pseudo-label, and repeat.
/// </summary>
/// <remarks>
/// The loop stops when an iteration selects nothing (<see cref="SelfTrainingStopReason.NoChange"/>),
/// when every row is labeled (<see cref="SelfTrainingStopReason.AllLabeled"/>), after
/// <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> iterations, or when the hold-out guard
/// sees the accuracy drop. A last fit on every labeled row, pseudo-labeled or held out, gives the model.
/// </remarks>
internal sealed class SelfTrainingLoop<TTransformer>
    where TTransformer : class, ITransformer
{
    private readonly SelfTrainingOptions _options;
    private readonly ClassifierScorer _scorer;
    private readonly LabeledTable _table;
    private readonly TrainingRowStore<TTransformer> _rows;
    private readonly int[] _assigned;
    private readonly int[] _labeledIteration;
    private readonly List<SelfTrainingIteration> _iterations = new();

    /// <exception cref="ArgumentException">The selection rule does not fit the classes.</exception>
    public SelfTrainingLoop(TrainerSource<TTransformer> trainers, SelfTrainingOptions options, ClassifierScorer scorer, LabeledTable table, DataViewSchema.Annotations labelAnnotations)
    {
        options.Selection.CheckClasses(options.LabelColumnName, table.Labels.Catalog.Names);
        _options = options;
        _scorer = scorer;
        _table = table;
        _assigned = (int[])table.Labels.Classes.Clone();
        _labeledIteration = _assigned.Select(c => c >= 0 ? 0 : -1).ToArray();
        var label = TrainingLabelColumn.Create(options.LabelColumnName, scorer.Task, table.Labels.Catalog, _assigned, labelAnnotations);
        var weight = options.ExampleWeightColumnName is { } weightName
            ? InMemoryColumn.Create(weightName, NumberDataViewType.Single, (int row, ref float value) => value = WeightOf(row))
            : null;
        _rows = new TrainingRowStore<TTransformer>(trainers, table.Features, _assigned, label, options.CancellationToken, weight);
    }

    /// <summary>Runs the loop and the final fit.</summary>
    public SelfTrainingResult<TTransformer> Run(IChannel channel, Random random, Diagnostics.DistributionShiftReport? distributionShift)
    {
        var labels = _table.Labels;
        var catalog = labels.Catalog;
        var labeledCounts = labels.CountPerClass();
        int[] holdOut = _options.HoldOutFraction > 0
            ? StratifiedSplit.Sample(_assigned, catalog.Count, _options.HoldOutFraction, random)
            : Array.Empty<int>();
        var isHoldOut = new bool[_assigned.Length];
        foreach (var r in holdOut)
            isHoldOut[r] = true;
        var pool = Enumerable.Range(0, _assigned.Length).Where(r => _assigned[r] < 0).ToList();

        channel.Info(MessageSensitivity.None,
            $"Self-training on {labels.LabeledCount} labeled rows ({string.Join(", ", catalog.Names.Select((n, i) => $"{n}: {labeledCounts[i]}"))}), " +
            $"{pool.Count} unlabeled rows, {holdOut.Length} held out; selection {_options.Selection}.");
        if (pool.Count == 0)
        {
            channel.Warning(MessageSensitivity.None,
                $"Label column '{_options.LabelColumnName}' has no unlabeled rows (no NaN or missing key), so self-training fits the inner trainer once, on the labeled rows: " +
                "supervised training. Inside a multiclass meta-trainer such as OneVersusAll the binary trainer never sees an unlabeled row; put the meta-trainer inside self-training instead.");
        }
        if (_options.HoldOutFraction > 0 && holdOut.Length == 0)
            ReportNoHoldOut(channel, labeledCounts.Max());

        SelfTrainingStopReason? stop = pool.Count == 0 ? SelfTrainingStopReason.NoUnlabeledRows : null;
        double bestHoldOut = double.NegativeInfinity;
        int[] lastAdded = Array.Empty<int>();
        while (stop is null)
        {
            if (_iterations.Count >= _options.MaximumNumberOfIterations)
            {
                stop = SelfTrainingStopReason.MaximumIterationsReached;
                break;
            }
            int iteration = _iterations.Count + 1;
            var model = _rows.Refit(Enumerable.Range(0, _assigned.Length).Where(r => _assigned[r] >= 0 && !isHoldOut[r]).ToArray());
            var predictions = _scorer.Predict(model, pool.Concat(holdOut).ToArray(), _rows);

            double? holdOutAccuracy = holdOut.Length > 0 ? HoldOutAccuracy(predictions.AsSpan(pool.Count), holdOut) : null;
            if (holdOutAccuracy < bestHoldOut - _options.HoldOutTolerance)
            {
                stop = WithdrawAfterDrop(iteration, lastAdded, pool, bestHoldOut, holdOutAccuracy.Value, channel);
                break;
            }
            bestHoldOut = Math.Max(bestHoldOut, holdOutAccuracy ?? bestHoldOut);

            var candidates = new PseudoLabelCandidates(iteration, pool.AsReadOnly(), new ArraySegment<ClassPrediction>(predictions, 0, pool.Count),
                _rows.TrainingRows, _assigned, _table.Features, labeledCounts, random);
            lastAdded = ApplyPseudoLabels(iteration, candidates, PseudoLabelSelection.SelectChecked(_options.Selection, candidates), pool, holdOutAccuracy, channel);
            if (lastAdded.Length == 0)
                stop = SelfTrainingStopReason.NoChange;
            else if (pool.Count == 0)
                stop = SelfTrainingStopReason.AllLabeled;
        }

        // The guard also checks the pseudo-labels of the last iteration, which no iteration's model has seen yet.
        if (holdOut.Length > 0 && lastAdded.Length > 0 && stop is SelfTrainingStopReason.AllLabeled or SelfTrainingStopReason.MaximumIterationsReached)
        {
            var model = _rows.Refit(Enumerable.Range(0, _assigned.Length).Where(r => _assigned[r] >= 0 && !isHoldOut[r]).ToArray());
            double accuracy = HoldOutAccuracy(_scorer.Predict(model, holdOut, _rows), holdOut);
            if (accuracy < bestHoldOut - _options.HoldOutTolerance)
                stop = WithdrawAfterDrop(_iterations.Count + 1, lastAdded, pool, bestHoldOut, accuracy, channel);
        }

        var finalRows = Enumerable.Range(0, _assigned.Length).Where(r => _assigned[r] >= 0).ToArray();
        var final = _rows.Fit(finalRows);
        var report = new SelfTrainingReport(catalog.Names, _iterations.ToArray(), stop.Value, _labeledIteration, _assigned, holdOut, _scorer.Calibrated, distributionShift);
        channel.Info(MessageSensitivity.None, report.ToString());
        return new SelfTrainingResult<TTransformer>(final, report);
    }

    /// <summary>Gives the selected candidates their classes, takes them out of the pool and records the iteration; returns their rows.</summary>
    private int[] ApplyPseudoLabels(int iteration, PseudoLabelCandidates candidates, IReadOnlyList<PseudoLabel> selected, List<int> pool, double? holdOutAccuracy, IChannel channel)
    {
        var addedPerClass = new int[candidates.ClassCount];
        double confidenceSum = 0;
        var added = new int[selected.Count];
        for (int s = 0; s < selected.Count; s++)
        {
            int row = candidates.Rows[selected[s].Candidate];
            _assigned[row] = selected[s].Class;
            _labeledIteration[row] = iteration;
            addedPerClass[selected[s].Class]++;
            confidenceSum += candidates.Confidences[selected[s].Candidate];
            added[s] = row;
        }
        pool.RemoveAll(r => _labeledIteration[r] == iteration);
        Record(new SelfTrainingIteration(iteration, addedPerClass, selected.Count > 0 ? confidenceSum / selected.Count : double.NaN, LabeledCount(), holdOutAccuracy), channel);
        return added;
    }

    private float WeightOf(int row)
    {
        float weight = _table.Weights?[row] ?? 1f;
        return _labeledIteration[row] > 0 ? weight * _options.PseudoLabelWeight : weight;
    }

    private int LabeledCount() => _assigned.Count(c => c >= 0);

    /// <summary>
    /// Says that the guard is off because no class has enough labeled rows to hold one out: a warning when the user set
    /// HoldOutFraction, information when it is the default (the user asked for nothing, and the fit is still self-training).
    /// </summary>
    private void ReportNoHoldOut(IChannel channel, int largestClass)
    {
        double fraction = _options.HoldOutFraction;
        int needed = (int)Math.Ceiling(1 / fraction);
        while (Math.Floor(fraction * needed) < 1)
            needed++;
        if (_options.HoldOutFractionIsSet)
        {
            channel.Warning(MessageSensitivity.None, FormattableString.Invariant(
                $"HoldOutFraction {fraction} leaves no labeled row to hold out (a class needs {needed} labeled rows to hold one out; the largest has {largestClass}): the hold-out guard is off for this fit."));
            return;
        }
        channel.Info(MessageSensitivity.None, FormattableString.Invariant(
            $"The hold-out guard is off for this fit: the default HoldOutFraction ({fraction}) holds out no labeled row, since a class needs {needed} labeled rows to hold one out and the largest has {largestClass}. Label more rows for the guard, or set HoldOutFraction = 0 to turn it off."));
    }

    private double HoldOutAccuracy(ReadOnlySpan<ClassPrediction> predictions, int[] holdOut)
    {
        int correct = 0;
        for (int h = 0; h < holdOut.Length; h++)
            correct += predictions[h].Class == _assigned[holdOut[h]] ? 1 : 0;
        return (double)correct / holdOut.Length;
    }

    private SelfTrainingStopReason WithdrawAfterDrop(int iteration, int[] lastAdded, List<int> pool, double best, double accuracy, IChannel channel)
    {
        Withdraw(lastAdded, pool);
        Record(new SelfTrainingIteration(iteration, new int[_table.Labels.Catalog.Count], double.NaN, LabeledCount(), accuracy), channel);
        channel.Info(MessageSensitivity.None, FormattableString.Invariant(
            $"Hold-out accuracy fell from {best:F4} to {accuracy:F4}: withdrew the {lastAdded.Length} pseudo-labels of iteration {iteration - 1} and stopped."));
        return SelfTrainingStopReason.HoldOutAccuracyDropped;
    }

    private void Withdraw(int[] rows, List<int> pool)
    {
        foreach (var row in rows)
        {
            _assigned[row] = -1;
            _labeledIteration[row] = -1;
            pool.Add(row);
        }
        pool.Sort();
    }

    private void Record(SelfTrainingIteration iteration, IChannel channel)
    {
        _iterations.Add(iteration);
        channel.Info(MessageSensitivity.None, iteration.ToString());
        _options.IterationCompleted?.Invoke(iteration);
    }
}

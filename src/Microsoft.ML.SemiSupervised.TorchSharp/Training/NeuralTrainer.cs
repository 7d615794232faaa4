using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The training loop every method shares: seeded network and batches, SGD with Nesterov momentum and the cosine
/// schedule, the weight average, per-epoch progress, cancellation and early stopping. The method supplies the loss.
/// </summary>
internal static class NeuralTrainer
{
    public static (Module<torch.Tensor, torch.Tensor> Network, NeuralReport Report) Train(NeuralNetworkOptions options, NetworkArchitecture architecture,
        NeuralTrainingData data, SemiSupervisedObjective objective, Augmentation weak, Augmentation strong, int seed, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        LibTorchWarmUp.EnsureDone();
        var student = architecture.Build(seed);
        var labeledRows = Enumerable.Range(0, data.RowCount).Where(r => data.Classes[r] >= 0).ToArray();
        var unlabeledRows = Enumerable.Range(0, data.RowCount).Where(r => data.Classes[r] < 0).ToArray();
        using var allRows = torch.tensor(data.Features, [data.RowCount, data.Dimension]);
        using var generator = new torch.Generator((ulong)seed);
        var random = new Random(seed);
        var augmentation = new AugmentationContext(generator, allRows, options.ImageHeight, options.ImageWidth, options.ImageChannels);
        objective.Start(architecture, student);
        using var average = options.ExponentialMovingAverageDecay > 0
            ? new WeightAverage(architecture, student, options.ExponentialMovingAverageDecay, warmUpLikeTensorFlow: true)
            : null;
        var final = average?.Network ?? student;
        using var optimizer = new NesterovSgd(student, options.Momentum, options.WeightDecay);

        int batch = options.BatchSize;
        int unlabeledBatch = batch * options.UnlabeledRowsPerLabeledRow;
        int stepsPerEpoch = Math.Max(Ceiling(labeledRows.Length, batch), Ceiling(unlabeledRows.Length, unlabeledBatch));
        int epochs = options.MaximumNumberOfIterations ?? 1000;
        long totalSteps = (long)epochs * stepsPerEpoch;
        var labeledOrder = new CyclingOrder(labeledRows, random);
        var unlabeledOrder = objective.UsesUnlabeledRows ? new CyclingOrder(unlabeledRows, random) : null;
        using var validation = data.Validation is { } v ? torch.tensor(v.Features, [v.Classes.Length, data.Dimension]) : null;

        var history = new List<NeuralEpoch>();
        var stop = NeuralStopReason.MaximumNumberOfEpochs;
        double bestAccuracy = double.NegativeInfinity;
        int? bestEpoch = null;
        float[]? bestWeights = null;
        long step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            student.train();
            var sums = new EpochSums();
            double learningRate = options.LearningRate;
            using var pause = new CollectionPause();
            for (int s = 0; s < stepsPerEpoch; s++, step++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                learningRate = options.LearningRate * Math.Cos(7 * Math.PI * step / (16.0 * totalSteps));
                using var scope = torch.NewDisposeScope();
                var labeledBatch = labeledOrder.Next(batch);
                var unlabeled = unlabeledOrder?.Next(unlabeledBatch);
                var result = objective.Loss(new TrainingStep
                {
                    Student = student,
                    Labeled = allRows.index_select(0, torch.tensor(labeledBatch.Select(r => (long)r).ToArray())),
                    Classes = torch.tensor(labeledBatch.Select(r => (long)data.Classes[r]).ToArray()),
                    Unlabeled = unlabeled is null ? null : allRows.index_select(0, torch.tensor(unlabeled.Select(r => (long)r).ToArray())),
                    UnlabeledTruth = unlabeled is null || options.TrueClasses is null ? null : unlabeled.Select(r => options.TrueClasses[r]).ToArray(),
                    UnlabeledRows = unlabeled,
                    Weak = weak,
                    Strong = strong,
                    Augmentation = augmentation,
                    Progress = (double)step / totalSteps,
                    Random = random,
                });
                student.zero_grad();
                result.Loss.backward();
                optimizer.Step(learningRate);
                objective.AfterStep();
                average?.Update();
                sums.Add(result);
            }
            if (options.RecalibrateBatchNormalization && epoch == epochs)
            {
                string before = validation is null ? "" : $" (validation accuracy before: {Accuracy(final, validation, data.Validation!.Value.Classes):F4})";
                BatchNormalizationRecalibration.Run(final, allRows);
                log($"{options.MethodName}: batch normalization recalibrated on the {data.RowCount} training rows{before}");
            }
            double? accuracy = null;
            if (validation is not null)
            {
                accuracy = Accuracy(final, validation, data.Validation!.Value.Classes);
                if (accuracy > bestAccuracy)
                {
                    bestAccuracy = accuracy.Value;
                    bestEpoch = epoch;
                    bestWeights = NetworkWeights.Read(final);
                }
            }
            var record = sums.ToEpoch(epoch, stepsPerEpoch, learningRate, accuracy, clock.Elapsed);
            history.Add(record);
            log($"{options.MethodName}: {record}");
            options.IterationCompleted?.Invoke(record);
            if (bestEpoch is { } best && epoch - best >= options.ValidationPatience)
            {
                stop = NeuralStopReason.EarlyStopped;
                break;
            }
        }
        if (bestWeights is not null)
        {
            NetworkWeights.Write(final, bestWeights);
            if (options.RecalibrateBatchNormalization && bestEpoch != epochs)
                BatchNormalizationRecalibration.Run(final, allRows);
        }
        if (!ReferenceEquals(final, student))
        {
            // The average's network lives on as the model; the student goes.
            var kept = architecture.Build();
            NetworkWeights.Copy(final, kept);
            final = kept;
            student.Dispose();
        }
        objective.Dispose();
        var report = new NeuralReport(options.MethodName, labeledRows.Length, unlabeledRows.Length, history, stop,
            validation is null ? null : bestEpoch, seed);
        return (final, report);
    }

    private static double Accuracy(Module<torch.Tensor, torch.Tensor> network, torch.Tensor rows, int[] classes) =>
        NeuralModel.PredictClasses(network, rows).Zip(classes).Count(p => p.First == p.Second) / (double)classes.Length;

    private static int Ceiling(int count, int size) => count == 0 ? 0 : (count + size - 1) / size;

    /// <summary>Rows in a seeded random order, reshuffled after each pass; batches wrap around.</summary>
    private sealed class CyclingOrder
    {
        private readonly int[] _rows;
        private readonly Random _random;
        private int _next;

        public CyclingOrder(int[] rows, Random random)
        {
            _rows = rows.ToArray();
            _random = random;
            _random.Shuffle(_rows);
        }

        public int[] Next(int count)
        {
            var batch = new int[count];
            for (int i = 0; i < count; i++)
            {
                if (_next == _rows.Length)
                {
                    _random.Shuffle(_rows);
                    _next = 0;
                }
                batch[i] = _rows[_next++];
            }
            return batch;
        }
    }

    private sealed class EpochSums
    {
        private int _steps;
        private double _labeled, _unlabeled, _weight;
        private long _used, _unlabeledRows, _right, _checked;
        private PseudoLabelCheck? _perClass;

        public void Add(StepResult result)
        {
            _steps++;
            _labeled += result.LabeledLoss;
            _unlabeled += result.UnlabeledLoss;
            _weight = result.UnlabeledWeight;
            _used += result.UsedCount;
            _unlabeledRows += result.UnlabeledCount;
            _right += result.PseudoLabelsRight;
            _checked += result.PseudoLabelsChecked;
            if (result.PerClass is { } perClass)
                (_perClass ??= PseudoLabelCheck.Empty()).Add(perClass);
        }

        public NeuralEpoch ToEpoch(int epoch, int steps, double learningRate, double? validationAccuracy, TimeSpan elapsed) => new(
            epoch, steps, _labeled / Math.Max(1, _steps), _unlabeled / Math.Max(1, _steps), _weight, learningRate,
            _unlabeledRows == 0 ? 0 : _used / (double)_unlabeledRows,
            _checked == 0 ? null : _right / (double)_checked, validationAccuracy, elapsed)
        {
            ClassMaskRates = _perClass?.ClassMaskRates(),
            ClassPseudoLabelAccuracies = _perClass?.ClassPseudoLabelAccuracies(),
        };
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// The Fashion-MNIST benchmark of issue 10, one method per process (so that /usr/bin/time -v measures each one's peak memory):
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks -- fashion-mnist METHOD [--epochs N]
/// [--threads N] [--network mlp|cnn|cnn-flat] [--channels 8,16,32] [--threshold T] [--threshold-kind fixed|adaptive|adaptive-no-warm-up] [--distribution-alignment on|off] [--recalibrate-batch-norm on|off] [--unlabeled-weight W] [--learning-rate R] [--randaugment OPS] [--cutout SIZE] [--data DIR] [--out DIR]</c>, or scripts/fashion-mnist-benchmark.sh METHOD, which adds the
/// memory. METHOD is one of:
/// <list type="bullet">
/// <item><c>supervised</c>: the network on the 1,000 labeled rows alone (FixMatch with UnlabeledLossWeight 0: the same steps,
/// augmentations and weight average, no unlabeled row);</item>
/// <item><c>fixmatch</c>, <c>mixmatch</c>: the same network (by default the convolutional network with channels 8, 16, 32;
/// <c>--network mlp</c> for the perceptron of two hidden layers of 256), the same steps (7 unlabeled rows per labeled row, batches of 32
/// labeled rows; an epoch is a pass over the 59,000 unlabeled rows, 264 steps), the same augmentations (weak: flip and shift;
/// strong: those, RandAugment and Cutout); FixMatch at the paper's threshold 0.95 (<c>--threshold</c> to change it);</item>
/// <item><c>logistic-regression</c>: ML.NET's LbfgsMaximumEntropy on the 1,000 labeled rows (the classical methods' baseline);</item>
/// <item><c>self-training</c>: self-training around the same trainer, class-balanced selection (the README's quick start);</item>
/// <item><c>label-spreading</c>: label spreading with the library's defaults (7 nearest neighbors, alpha 0.2) on the pixels.</item>
/// </list>
/// Test accuracy is ML.NET's MicroAccuracy on the 10,000 test rows. The neural methods also write the test accuracy after each
/// epoch (the learning curve): the test rows are passed as validation data with a patience longer than the run, so nothing
/// stops early; the reported accuracy is the last epoch's (the model without validation data), not the best epoch's.
/// Output: a line per epoch and a summary on the console, METHOD.epochs.csv and METHOD.summary.csv in the output folder
/// (default artifacts/fashion-mnist/results).
/// </summary>
internal static class FashionMnistRun
{
    private const int Seed = 1;
    private const int BatchSize = 32;
    private const int UnlabeledRatio = 7;
    private static readonly string[] s_methods = ["supervised", "fixmatch", "mixmatch", "logistic-regression", "self-training", "label-spreading"];

    public static int Run(string[] args)
    {
        var settings = Settings.Parse(args);
        if (settings is null || !s_methods.Contains(settings.Method))
        {
            Console.Error.WriteLine($"Usage: fashion-mnist METHOD [--epochs N] [--threads N] [--network mlp|cnn|cnn-flat] [--channels 8,16,32] [--threshold T] [--threshold-kind fixed|adaptive|adaptive-no-warm-up] [--distribution-alignment on|off] [--recalibrate-batch-norm on|off] [--unlabeled-weight W] [--learning-rate R] [--randaugment OPS] [--cutout SIZE] [--data DIR] [--out DIR]; METHOD: {string.Join(", ", s_methods)}.");
            return 2;
        }
        var data = new FashionMnistData(settings.DataFolder);
        Directory.CreateDirectory(settings.OutputFolder);
        var mlContext = new MLContext(seed: Seed);
        mlContext.Log += (_, e) =>
        {
            if (e.Message.Contains("recalibrated", StringComparison.Ordinal))
                Console.WriteLine(e.Message);
        };
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        double accuracy;
        string details;
        if (settings.Method is "supervised" or "fixmatch" or "mixmatch")
            (accuracy, details) = RunNeural(mlContext, data, settings, clock);
        else
            (accuracy, details) = RunClassical(mlContext, data, settings.Method);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var summary = string.Format(CultureInfo.InvariantCulture, "{0},{1:F4},{2:F1},{3:F1},{4},{5},\"{6}\"",
            settings.Method, accuracy, clock.Elapsed.TotalSeconds, cpuSeconds, Environment.ProcessorCount, settings.Threads, details);
        File.WriteAllText(Path.Combine(settings.OutputFolder, settings.Method + ".summary.csv"),
            "method,test_accuracy,wall_seconds,cpu_seconds,processors,threads,details\n" + summary + "\n");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: test accuracy {1:F4}, {2:F1} s wall, {3:F1} s CPU ({4})",
            settings.Method, accuracy, clock.Elapsed.TotalSeconds, cpuSeconds, details));
        return 0;
    }

    private static (double Accuracy, string Details) RunNeural(MLContext mlContext, FashionMnistData data, Settings settings, Stopwatch clock)
    {
        NeuralNetworkOptions options = settings.Method switch
        {
            "supervised" => new FixMatchOptions { UnlabeledLossWeight = 0, UnlabeledRatio = UnlabeledRatio },
            "fixmatch" => new FixMatchOptions
            {
                UnlabeledRatio = UnlabeledRatio, ConfidenceThreshold = settings.ConfidenceThreshold, ThresholdKind = settings.ThresholdKind,
                DistributionAlignment = settings.DistributionAlignment, ThresholdWarmUp = settings.ThresholdWarmUp,
            },
            _ => new MixMatchOptions { UnlabeledRatio = UnlabeledRatio },
        };
        if (settings.UnlabeledWeight is { } weight && options is MixMatchOptions mixMatch)
            mixMatch.UnlabeledLossWeight = weight;
        if (settings.UnlabeledWeight is { } fixMatchWeight && options is FixMatchOptions { UnlabeledLossWeight: > 0 } fixMatch)
            fixMatch.UnlabeledLossWeight = fixMatchWeight;
        if (settings.LearningRate is { } learningRate)
            options.LearningRate = learningRate;
        options.Network = settings.Network;
        if (settings.Channels is { } channels)
            options.ConvolutionalChannels = channels;
        options.ImageHeight = FashionMnistData.Side;
        options.ImageWidth = FashionMnistData.Side;
        options.BatchSize = BatchSize;
        options.MaximumNumberOfIterations = settings.Epochs;
        options.Seed = Seed;
        options.NumberOfThreads = settings.Threads;
        options.RecalibrateBatchNormalization = settings.RecalibrateBatchNormalization;
        // Clothes keep their class when mirrored left to right (FixMatch's weak augmentation for CIFAR-10: flip and shift).
        options.WeakAugmentation = new AugmentationSequence(new ImageFlipAugmentation(), new ImageShiftAugmentation());
        options.StrongAugmentation = settings.RandAugmentOperations > 0
            ? new AugmentationSequence(new ImageFlipAugmentation(), new ImageShiftAugmentation(),
                new RandAugmentAugmentation { NumberOfOperations = settings.RandAugmentOperations }, new CutoutAugmentation { Size = settings.CutoutSize })
            : new AugmentationSequence(new ImageFlipAugmentation(), new ImageShiftAugmentation(), new CutoutAugmentation { Size = settings.CutoutSize });
        options.ValidationData = data.Test(mlContext);
        // The unlabeled rows' true classes (from the package's label file): the pseudo-labels' accuracy and mask rate per class.
        options.TrueClasses = data.TrainTruth();
        options.ValidationPatience = settings.Epochs + 1;

        var curve = new StreamWriter(Path.Combine(settings.OutputFolder, settings.Method + ".epochs.csv"));
        curve.WriteLine("method,epoch,test_accuracy,labeled_loss,unlabeled_loss,mask_rate,learning_rate,wall_seconds,cpu_seconds");
        var classes = new StreamWriter(Path.Combine(settings.OutputFolder, settings.Method + ".classes.csv"));
        classes.WriteLine("method,epoch,class,mask_rate,pseudo_label_accuracy");
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        double last = double.NaN;
        options.IterationCompleted = epoch =>
        {
            last = epoch.ValidationAccuracy ?? double.NaN;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds;
            curve.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0},{1},{2:F4},{3:F4},{4:F4},{5:F4},{6:G4},{7:F1},{8:F1}",
                settings.Method, epoch.Epoch, last, epoch.LabeledLoss, epoch.UnlabeledLoss, epoch.MaskRate, epoch.LearningRate,
                clock.Elapsed.TotalSeconds, cpuSeconds));
            curve.Flush();
            for (int c = 0; c < (epoch.ClassMaskRates?.Length ?? 0); c++)
            {
                classes.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0},{1},{2},{3:F4},{4:F4}", settings.Method, epoch.Epoch, c,
                    epoch.ClassMaskRates![c], c < epoch.ClassPseudoLabelAccuracies!.Length ? epoch.ClassPseudoLabelAccuracies[c] : double.NaN));
            }
            classes.Flush();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1}, {2:F1} s CPU", settings.Method, epoch, cpuSeconds));
        };
        var estimator = options switch
        {
            FixMatchOptions f => mlContext.SemiSupervised.FixMatch(f),
            MixMatchOptions m => mlContext.SemiSupervised.MixMatch(m),
            _ => throw new InvalidOperationException(),
        };
        using (curve)
        using (classes)
            estimator.Fit(data.Train(mlContext));
        return (last, string.Format(CultureInfo.InvariantCulture, "{0} epochs, {1}{2}, batch {3}+{4}, learning rate {5}, unlabeled weight {6}, RandAugment {7} operations, Cutout {8}{9}{10}",
            settings.Epochs, settings.Network,
            settings.Network != NeuralNetworkKind.MultilayerPerceptron ? " [" + string.Join(" ", options.ConvolutionalChannels) + "]" : "",
            BatchSize, BatchSize * UnlabeledRatio, options.LearningRate,
            options switch { FixMatchOptions f => f.UnlabeledLossWeight, MixMatchOptions m => m.UnlabeledLossWeight, _ => 0 },
            settings.RandAugmentOperations, settings.CutoutSize,
            options is FixMatchOptions { UnlabeledLossWeight: > 0 } semiSupervised ? $", threshold {semiSupervised.ConfidenceThreshold} {semiSupervised.ThresholdKind}{(semiSupervised.ThresholdWarmUp ? "" : " without warm-up")}{(semiSupervised.DistributionAlignment ? ", distribution alignment" : "")}" : "",
            options.RecalibrateBatchNormalization ? ", batch normalization recalibrated on the training rows" : ""));
    }

    private static (double Accuracy, string Details) RunClassical(MLContext mlContext, FashionMnistData data, string method)
    {
        var train = data.Train(mlContext, cache: true);
        var test = data.Test(mlContext);
        var trainer = mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy();
        var normalize = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(mlContext.Transforms.NormalizeMinMax("Features"));
        ITransformer model;
        string details;
        switch (method)
        {
            case "logistic-regression":
                model = normalize.Append(trainer).Fit(mlContext.Data.FilterRowsByMissingValues(train, "Label"));
                details = "LbfgsMaximumEntropy on the labeled rows";
                break;
            case "self-training":
                SelfTrainingReport? report = null;
                var selfTraining = mlContext.SemiSupervised.SelfTraining(trainer,
                    new SelfTrainingOptions { Selection = new ClassBalancedSelection(), FitCompleted = fitted => report = fitted });
                model = normalize.Append(selfTraining).Fit(train);
                details = string.Format(CultureInfo.InvariantCulture, "{0} iterations, {1} pseudo-labeled, {2}",
                    report!.Iterations.Count, report.PseudoLabeledCount, report.StopReason);
                break;
            default:
                model = mlContext.SemiSupervised.LabelSpreading().Fit(train);
                details = "7 nearest neighbors, alpha 0.2";
                break;
        }
        return (mlContext.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy, details);
    }

    private sealed class Settings
    {
        public required string Method { get; init; }
        // The full run: 30 epochs of FixMatch with the convolutional network [8, 16, 32] took about 26 s of CPU an epoch on one
        // thread at a load of 25-75 (about 13 min in all), inside the issue's 15 minutes on an idle 2-core machine.
        public int Epochs { get; private set; } = 30;
        public double ConfidenceThreshold { get; private set; } = 0.95;
        public ConfidenceThresholdKind ThresholdKind { get; private set; } = ConfidenceThresholdKind.Fixed;
        public bool DistributionAlignment { get; private set; }
        public bool ThresholdWarmUp { get; private set; } = true;
        public bool RecalibrateBatchNormalization { get; private set; }

        // One LibTorch thread: on a busy machine a second one spins while it waits (reading the data and one epoch of FixMatch
        // took 10 s of CPU on one thread and 133 s on two, at a load of 60-90); the other core can run another method.
        public int Threads { get; private set; } = 1;
        public NeuralNetworkKind Network { get; private set; } = NeuralNetworkKind.Convolutional;
        public int[]? Channels { get; private set; } = [8, 16, 32];
        public double? UnlabeledWeight { get; private set; }
        public double? LearningRate { get; private set; }
        public int RandAugmentOperations { get; private set; } = 2;
        public double CutoutSize { get; private set; } = 0.25;
        public string DataFolder { get; private set; } = Path.Combine(RepositoryRoot(), "artifacts", "fashion-mnist");
        public string OutputFolder { get; private set; } = Path.Combine(RepositoryRoot(), "artifacts", "fashion-mnist", "results");

        public static Settings? Parse(string[] args)
        {
            if (args.Length == 0 || args.Length % 2 == 0)
                return null;
            var settings = new Settings { Method = args[0] };
            for (int i = 1; i < args.Length; i += 2)
            {
                var value = args[i + 1];
                switch (args[i])
                {
                    case "--epochs": settings.Epochs = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--threads": settings.Threads = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--threshold": settings.ConfidenceThreshold = double.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--threshold-kind":
                        settings.ThresholdKind = value.StartsWith("adaptive", StringComparison.Ordinal) ? ConfidenceThresholdKind.ClassAdaptive : ConfidenceThresholdKind.Fixed;
                        settings.ThresholdWarmUp = value != "adaptive-no-warm-up";
                        break;
                    case "--distribution-alignment": settings.DistributionAlignment = value == "on"; break;
                    case "--recalibrate-batch-norm": settings.RecalibrateBatchNormalization = value == "on"; break;
                    case "--network": settings.Network = value switch { "cnn" => NeuralNetworkKind.Convolutional, "cnn-flat" => NeuralNetworkKind.ConvolutionalFlattened, _ => NeuralNetworkKind.MultilayerPerceptron }; break;
                    case "--channels": settings.Channels = value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(); break;
                    case "--unlabeled-weight": settings.UnlabeledWeight = double.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--randaugment": settings.RandAugmentOperations = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--cutout": settings.CutoutSize = double.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--learning-rate": settings.LearningRate = double.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--data": settings.DataFolder = value; break;
                    case "--out": settings.OutputFolder = value; break;
                    default: return null;
                }
            }
            return settings;
        }

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Microsoft.ML.SemiSupervised.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? Directory.GetCurrentDirectory();
        }
    }
}

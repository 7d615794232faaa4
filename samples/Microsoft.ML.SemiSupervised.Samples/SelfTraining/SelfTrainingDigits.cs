using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;

namespace Microsoft.ML.SemiSupervised.Samples.SelfTraining;

/// <summary>
/// The main sample: handwritten digits, 1258 training rows of which 62 carry a label. Self-training around
/// L-BFGS maximum entropy, against the same pipeline fitted on the 62 labeled rows alone.
/// </summary>
public static class SelfTrainingDigits
{
    /// <summary>Runs the sample.</summary>
    public static void Example()
    {
        var mlContext = new MLContext(seed: 0);

        // An empty Label field marks an unlabeled row: MissingRealsAsNaNs reads it as NaN (without it, as 0).
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = new[]
            {
                new TextLoader.Column("Features", DataKind.Single, 0, 63),
                new TextLoader.Column("Label", DataKind.Single, 64),
            },
            HasHeader = true,
            Separators = new[] { ',' },
            MissingRealsAsNaNs = true,
        });
        var train = loader.Load(Path.Combine(AppContext.BaseDirectory, "data", "digits_train.csv"));
        var test = loader.Load(Path.Combine(AppContext.BaseDirectory, "data", "digits_test.csv"));

        // MapValueToKey turns NaN into the missing key, which self-training reads as "unlabeled".
        // ClassBalancedSelection keeps one digit from swallowing another's rows. This sample uses it with threshold 0.75 and
        // without the hold-out guard (the defaults are threshold 0.9 and HoldOutFraction 0.25): on this split of 62
        // labeled rows the guard's estimate is coarse and it stops too early (docs/self-training.md).
        // In a pipeline the report comes through FitCompleted (FitWithReport returns it when self-training is fitted alone).
        SelfTrainingReport? report = null;
        var options = new SelfTrainingOptions { Selection = new ClassBalancedSelection(), HoldOutFraction = 0, FitCompleted = fitted => report = fitted };
        var selfTraining = mlContext.SemiSupervised.SelfTraining(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options);
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(selfTraining).Fit(train);

        // The baseline: the same pipeline on the labeled rows alone.
        var baseline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Fit(mlContext.Data.FilterRowsByMissingValues(train, "Label"));

        var selfTrained = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
        var supervised = mlContext.MulticlassClassification.Evaluate(baseline.Transform(test));

        Console.WriteLine($"Training rows: {report!.LabeledIteration.Count}, labeled: {report.OriginallyLabeledCount}");
        foreach (var iteration in report.Iterations)
            Console.WriteLine($"  {iteration}");
        Console.WriteLine($"Stopped: {report.StopReason}; pseudo-labeled rows: {report.PseudoLabeledCount}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy, labeled rows only: {supervised.MicroAccuracy:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy, self-training:     {selfTrained.MicroAccuracy:F3}"));

        // Expected output:
        // Training rows: 1258, labeled: 62
        //   iteration 1: added 392 [38, 38, 38, 38, 38, 38, 44, 38, 38, 44], mean confidence 0.967, labeled 454
        //   iteration 2: added 227 [22, 22, 22, 22, 22, 22, 26, 22, 22, 25], mean confidence 0.974, labeled 681
        //   iteration 3: added 144 [14, 14, 14, 14, 14, 14, 16, 14, 14, 16], mean confidence 0.971, labeled 825
        //   iteration 4: added 144 [14, 14, 14, 14, 14, 14, 16, 14, 14, 16], mean confidence 0.950, labeled 969
        //   iteration 5: added 113 [11, 11, 11, 11, 11, 11, 13, 11, 11, 12], mean confidence 0.939, labeled 1082
        //   iteration 6: added 41 [4, 4, 4, 4, 4, 4, 5, 4, 4, 4], mean confidence 0.929, labeled 1123
        //   iteration 7: added 0 [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], mean confidence NaN, labeled 1123
        // Stopped: NoChange; pseudo-labeled rows: 1061
        // Test accuracy, labeled rows only: 0.827
        // Test accuracy, self-training:     0.891
    }
}

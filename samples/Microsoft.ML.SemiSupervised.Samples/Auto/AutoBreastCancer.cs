using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;

namespace Microsoft.ML.SemiSupervised.Samples.Auto;

/// <summary>
/// Auto on breast_cancer around ML.NET's L-BFGS logistic regression with its defaults, with 10 and then 20 labeled
/// rows among 399 training rows. Auto cross-validates four semi-supervised candidates against the trainer alone on the
/// labeled rows and fits a candidate only where the evidence says it wins: with 10 labels the trainer alone is poor
/// (its default L1 = 1 keeps few weights) and label spreading then the trainer wins clearly; with 20 labels nothing
/// beats the trainer by enough, so Auto fits the trainer. Each time, the test accuracy against the same trainer on the
/// labeled rows alone.
/// </summary>
public static class AutoBreastCancer
{
    /// <summary>Runs the sample.</summary>
    public static void Example()
    {
        var mlContext = new MLContext(seed: 0);
        var all = mlContext.Data.CreateEnumerable<CancerRow>(mlContext.Data.LoadFromTextFile(
            Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"), new TextLoader.Options
            {
                Columns = new[] { new TextLoader.Column("Features", DataKind.Single, 0, 29), new TextLoader.Column("Label", DataKind.Single, 30) },
                HasHeader = true,
                Separators = new[] { ',' },
            }), reuseRowObject: false).ToList();

        // 30 % of the rows for the test, the others for training.
        var random = new Random(1);
        var shuffled = all.OrderBy(_ => random.Next()).ToList();
        var test = shuffled.Take(shuffled.Count * 3 / 10).ToList();
        var training = shuffled.Skip(test.Count).ToList();

        foreach (int perClass in new[] { 5, 10 })
            Compare(mlContext, training, test, perClass);

        // Expected output:
        // 10 labeled rows of 399:
        //   Auto chose LabelSpreadingThenTrainer by CrossValidation: it beat the supervised trainer by +40.0 points, lower bound +10.6 at 95 % confidence over 10 folds (4 candidates compared; rule CorrectedBound)
        //     SelfTraining: accuracy 0.500 against 0.500 supervised, difference +0.0 points, lower bound -16.3 (95 %) over 10 folds
        //     LabelSpreadingThenTrainer: accuracy 0.900 against 0.500 supervised, difference +40.0 points, lower bound +10.6 (95 %) over 10 folds
        //     CoTraining: accuracy 0.500 against 0.500 supervised, difference +0.0 points, lower bound -74.9 (95 %) over 10 folds
        //     TriTraining: accuracy 0.500 against 0.500 supervised, difference +0.0 points, lower bound -74.9 (95 %) over 10 folds
        //   Test accuracy, labeled rows only: 0.365
        //   Test accuracy, Auto:              0.929
        // 20 labeled rows of 399:
        //   Auto chose Supervised by CrossValidation: no candidate beat the supervised trainer with 95 % confidence (the best lower bound, SelfTraining's, is -8.4 points, difference +0.0 over 10 folds; rule CorrectedBound)
        //     SelfTraining: accuracy 0.950 against 0.950 supervised, difference +0.0 points, lower bound -8.4 (95 %) over 10 folds
        //     LabelSpreadingThenTrainer: accuracy 0.950 against 0.950 supervised, difference +0.0 points, lower bound -8.4 (95 %) over 10 folds
        //     CoTraining: accuracy 0.950 against 0.950 supervised, difference +0.0 points, lower bound -8.4 (95 %) over 10 folds
        //     TriTraining: accuracy 0.550 against 0.950 supervised, difference -40.0 points, lower bound -61.9 (95 %) over 10 folds
        //   Test accuracy, labeled rows only: 0.912
        //   Test accuracy, Auto:              0.912
    }

    private static void Compare(MLContext mlContext, List<CancerRow> training, List<CancerRow> test, int perClass)
    {
        // The first rows of each class keep their label; every other training row gets NaN: unlabeled.
        var kept = training.GroupBy(r => r.Label).SelectMany(g => g.Take(perClass)).ToHashSet();
        var train = mlContext.Data.LoadFromEnumerable(training.Select(r => new CancerRow { Features = r.Features, Label = kept.Contains(r) ? r.Label : float.NaN }));

        // The features span 0.001 to 4,000: scaled on every training row, for both models.
        var scaling = mlContext.Transforms.NormalizeMinMax("Features").Fit(train);
        var scaledTrain = scaling.Transform(train);
        var scaledTest = scaling.Transform(mlContext.Data.LoadFromEnumerable(test));

        // The trainer is a factory: Auto fits it many times. A 0/1 Single label with NaN for unlabeled rows is read as binary.
        var auto = mlContext.SemiSupervised.Auto(() => mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(), new AutoOptions { Seed = 1 });
        var model = auto.Fit(scaledTrain);

        // The baseline: the same trainer on the labeled rows alone (its label converted to Boolean, as binary trainers want).
        var baseline = mlContext.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean)
            .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(mlContext.Data.FilterRowsByMissingValues(scaledTrain, "Label"));

        var report = model.Report;
        Console.WriteLine($"{kept.Count} labeled rows of {training.Count}:");
        Console.WriteLine($"  Auto chose {report.ChosenCandidate} by {report.Evidence}: {report.Reason}");
        foreach (var candidate in report.Candidates)
            Console.WriteLine($"    {candidate}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Test accuracy, labeled rows only: {Accuracy(baseline.Transform(scaledTest), test):F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Test accuracy, Auto:              {Accuracy(model.Transform(scaledTest), test):F3}"));
    }

    /// <summary>The share of rows whose PredictedLabel (true: class 1) is their class.</summary>
    private static double Accuracy(IDataView scored, IReadOnlyList<CancerRow> rows) =>
        scored.GetColumn<bool>("PredictedLabel").Zip(rows, (predicted, row) => predicted == (row.Label == 1)).Average(right => right ? 1.0 : 0.0);

    private sealed class CancerRow
    {
        [VectorType(30)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}

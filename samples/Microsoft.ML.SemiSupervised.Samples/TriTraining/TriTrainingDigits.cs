using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Samples.TriTraining;

/// <summary>
/// Tri-training on handwritten digits, 1258 training rows of which 62 carry a label: three L-BFGS maximum entropy
/// models from bootstrap samples teach each other, against the same trainer on the 62 labeled rows alone.
/// </summary>
public static class TriTrainingDigits
{
    /// <summary>Runs the sample.</summary>
    public static void Example()
    {
        var mlContext = new MLContext(seed: 0);

        // An empty Label field marks an unlabeled row: MissingRealsAsNaNs reads it as NaN.
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
        var trainers = mlContext.MulticlassClassification.Trainers;
        var toKey = mlContext.Transforms.Conversion.MapValueToKey("Label");

        var triTraining = mlContext.SemiSupervised.TriTraining(trainers.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = 0 });
        var model = toKey.Append(triTraining).Fit(train);
        var baseline = toKey.Append(trainers.LbfgsMaximumEntropy()).Fit(mlContext.Data.FilterRowsByMissingValues(train, "Label"));

        var report = model.LastTransformer.Report;
        Console.WriteLine(report);
        foreach (var round in report.Iterations)
            Console.WriteLine($"  {round}");
        var triTrained = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
        var supervised = mlContext.MulticlassClassification.Evaluate(baseline.Transform(test));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy, labeled rows only: {supervised.MicroAccuracy:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy, tri-training:      {triTrained.MicroAccuracy:F3}"));

        // Expected output:
        // tri-training: 3 round(s), stopped: NoChange; 62 labeled rows, 1196 unlabeled
        //   round 1: model 1 updated with 24 rows [3, 0, 2, 2, 3, 2, 4, 2, 4, 2], error 0.020, agreement 0.676; model 2 updated with 826 rows [54, 0, 97, 53, 107, 95, 109, 98, 93, 120], error 0.000, agreement 0.691; model 3 updated with 26 rows [0, 5, 3, 2, 4, 3, 2, 2, 3, 2], error 0.019, agreement 0.758
        //   round 2: model 1 updated with 1081 rows [116, 87, 111, 60, 115, 141, 114, 112, 100, 125], error 0.000, agreement 0.904; model 2 kept with 0 rows [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], error 0.000, agreement 0.917; model 3 updated with 1098 rows [133, 87, 112, 62, 118, 144, 116, 102, 101, 123], error 0.000, agreement 0.918
        //   round 3: model 1 kept with 0 rows [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], error 0.000, agreement 0.956; model 2 kept with 0 rows [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], error 0.000, agreement 0.965; model 3 kept with 0 rows [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], error 0.000, agreement 0.945
        // Test accuracy, labeled rows only: 0.827
        // Test accuracy, tri-training:      0.839
    }
}

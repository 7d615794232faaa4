using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;

namespace Microsoft.ML.SemiSupervised.Samples.CoTraining;

/// <summary>
/// Co-training on the breast cancer data: 569 tumours, 30 measurements each, of which the first 399 are for training
/// and only every 20th of those keeps its label (20 labels). The 30 measurements are split into two random halves
/// (they are redundant measurements of the same cells, so each half can tell the classes apart); the model is
/// compared with the same trainer on the 20 labeled rows alone, on the last 170 tumours.
/// </summary>
public static class CoTrainingBreastCancer
{
    /// <summary>Runs the sample.</summary>
    public static void Example()
    {
        var mlContext = new MLContext(seed: 0);
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv")).Skip(1)
            .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(values => new Tumour { Features = values[..30], Label = values[30] })
            .ToArray();
        // A NaN label marks an unlabeled row.
        var train = mlContext.Data.LoadFromEnumerable(rows.Take(399).Select((r, i) => new Tumour { Features = r.Features, Label = i % 20 == 0 ? r.Label : float.NaN }));
        var test = mlContext.Data.LoadFromEnumerable(rows.Skip(399));

        // Both views read the one Features column: co-training splits it (Seed fixes the split).
        var trainers = mlContext.BinaryClassification.Trainers;
        // Factories give each fit a new SDCA trainer (one instance would keep what its first fit tuned).
        var coTraining = mlContext.SemiSupervised.CoTraining(() => trainers.SdcaLogisticRegression(), () => trainers.SdcaLogisticRegression(), new CoTrainingOptions { Seed = 0 });
        var model = mlContext.Transforms.NormalizeMinMax("Features").Append(coTraining).Fit(train);

        // The baseline: the same pipeline on the labeled rows alone (a binary trainer needs a Boolean label).
        var labeledOnly = mlContext.Data.FilterRowsByMissingValues(train, "Label");
        var baseline = mlContext.Transforms.NormalizeMinMax("Features")
            .Append(mlContext.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean))
            .Append(trainers.SdcaLogisticRegression())
            .Fit(labeledOnly);

        var report = model.LastTransformer.Report; // the fitted model carries the report of its fit
        Console.WriteLine(report);
        Console.WriteLine($"View slots: [{string.Join(", ", report.FirstViewSlots!)}] and [{string.Join(", ", report.SecondViewSlots!)}]");
        foreach (var round in report.Iterations.Take(3))
            Console.WriteLine($"  {round}");
        var booleanLabel = mlContext.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Fit(test);
        var coTrained = mlContext.BinaryClassification.Evaluate(booleanLabel.Transform(model.Transform(test)));
        var supervised = mlContext.BinaryClassification.Evaluate(baseline.Transform(test));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy, labeled rows only: {supervised.Accuracy:F3} (AUC {supervised.AreaUnderRocCurve:F3})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy, co-training:       {coTrained.Accuracy:F3} (AUC {coTrained.AreaUnderRocCurve:F3})"));

        // Expected output:
        // co-training: 30 round(s), stopped: MaximumIterationsReached; 20 labeled rows, 180 labeled by co-training, 199 left unlabeled
        // View slots: [2, 3, 8, 9, 14, 15, 17, 18, 19, 20, 21, 23, 24, 27, 29] and [0, 1, 4, 5, 6, 7, 10, 11, 12, 13, 16, 22, 25, 26, 28]
        //   round 1: added 6 (view 1 [1, 2], view 2 [1, 2]), agreement 0.893 on 75 pool rows, labeled 26
        //   round 2: added 6 (view 1 [1, 2], view 2 [1, 2]), agreement 0.893 on 75 pool rows, labeled 32
        //   round 3: added 6 (view 1 [1, 2], view 2 [1, 2]), agreement 0.933 on 75 pool rows, labeled 38
        // Test accuracy, labeled rows only: 0.900 (AUC 0.939)
        // Test accuracy, co-training:       0.953 (AUC 0.991)
    }

    /// <summary>A tumour: 30 measurements and its class (1 benign, 0 malignant), NaN when unlabeled.</summary>
    public sealed class Tumour
    {
        /// <summary>The measurements.</summary>
        [VectorType(30)]
        public float[] Features { get; set; } = [];

        /// <summary>The class, NaN when unlabeled.</summary>
        public float Label { get; set; }
    }
}

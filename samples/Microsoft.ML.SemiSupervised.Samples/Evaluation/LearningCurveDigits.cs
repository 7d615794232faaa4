using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.SelfTraining;
using ScottPlot;

namespace Microsoft.ML.SemiSupervised.Samples.Evaluation;

/// <summary>
/// Does unlabeled data help, and up to how many labels? A learning curve on digits: self-training against
/// the same trainer on the labeled rows alone, from 2 % to 50 % of the labels, on one held-out test set.
/// Draws docs/images/learning-curve-digits.png.
/// </summary>
public static class LearningCurveDigits
{
    /// <summary>Runs the sample.</summary>
    public static void Example()
    {
        var mlContext = new MLContext(seed: 0);
        var data = mlContext.Data.LoadFromTextFile(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"), new TextLoader.Options
        {
            Columns = new[] { new TextLoader.Column("Features", DataKind.Single, 0, 63), new TextLoader.Column("Label", DataKind.Single, 64) },
            HasHeader = true,
            Separators = new[] { ',' },
        });

        var toKey = mlContext.Transforms.Conversion.MapValueToKey("Label");
        var selfTraining = toKey.Append(mlContext.SemiSupervised.SelfTraining(
            mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { Selection = new ClassBalancedSelection(), HoldOutFraction = 0 }));
        var supervised = toKey.Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var fractions = new[] { 0.02, 0.05, 0.1, 0.2, 0.5 };
        var curve = mlContext.SemiSupervised.CompareLearningCurves(data, selfTraining, supervised, fractions,
            options: new SemiSupervisedEvaluationOptions { Seed = 1 });
        foreach (var point in curve)
            Console.WriteLine(point);

        Directory.CreateDirectory("output");
        var path = Path.Combine("output", "learning-curve-digits.png");
        var plot = new Plot();
        var counts = curve.Select(p => (double)p.LabeledCount).ToArray();
        var semi = plot.Add.Scatter(counts, curve.Select(p => p.SemiSupervisedAccuracy).ToArray());
        semi.LegendText = "self-training (labeled + unlabeled rows)";
        semi.LineWidth = 2;
        var baseline = plot.Add.Scatter(counts, curve.Select(p => p.SupervisedAccuracy).ToArray());
        baseline.LegendText = "labeled rows only";
        baseline.LineWidth = 2;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(counts, curve.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.LabeledCount}")).ToArray());
        plot.Title("Digits: test accuracy by number of labeled rows (30 % of rows held out)");
        plot.XLabel("labeled training rows (the other training rows unlabeled)");
        plot.YLabel("test accuracy");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 550);
        Console.WriteLine($"Wrote {path}");

        // Expected output:
        // 2 % labeled (27 rows): semi-supervised 0.813, supervised 0.720
        // 5 % labeled (60 rows): semi-supervised 0.852, supervised 0.776
        // 10 % labeled (127 rows): semi-supervised 0.916, supervised 0.875
        // 20 % labeled (252 rows): semi-supervised 0.927, supervised 0.912
        // 50 % labeled (631 rows): semi-supervised 0.942, supervised 0.942
        // Wrote output/learning-curve-digits.png
    }
}

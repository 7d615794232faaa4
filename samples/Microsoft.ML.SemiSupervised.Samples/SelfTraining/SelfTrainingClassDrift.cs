using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using ScottPlot;

namespace Microsoft.ML.SemiSupervised.Samples.SelfTraining;

/// <summary>
/// The failure mode "one class swallows another", and the guard against it: iris with 5 labeled rows per
/// class, self-training unguarded and with <see cref="ClassBalancedSelection"/>. Draws the
/// pseudo-labels each iteration added per class, as docs/images/self-training-class-drift.png shows.
/// </summary>
public static class SelfTrainingClassDrift
{
    private static readonly string[] Species = { "setosa", "versicolor", "virginica" };

    /// <summary>Runs the sample.</summary>
    public static void Example()
    {
        var mlContext = new MLContext(seed: 1);
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = new[] { new TextLoader.Column("Features", DataKind.Single, 0, 3), new TextLoader.Column("Label", DataKind.Single, 4) },
            HasHeader = true,
            Separators = new[] { ',' },
        });
        var iris = loader.Load(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));
        var truth = iris.GetColumn<float>("Label").Select(l => (int)l).ToArray();

        // Keep the first 5 labels of each species (the file is sorted by species); hide the others.
        var seen = new int[3];
        var shown = truth.Select(c => seen[c]++ < 5 ? c : float.NaN).ToArray();
        var data = mlContext.Data.LoadFromEnumerable(
            iris.GetColumn<float[]>("Features").Select((f, i) => new Row { Features = f, Label = shown[i] }).ToList());

        // Unguarded is scikit-learn's threshold 0.75 without balance or hold-out (self-training's defaults before issue 11);
        // the guarded run adds ClassBalancedSelection only, to show what balance alone does.
        var unguarded = Run(mlContext, data, truth, new SelfTrainingOptions { Selection = new ConfidenceThresholdSelection(0.75), HoldOutFraction = 0 });
        var balanced = Run(mlContext, data, truth, new SelfTrainingOptions { Selection = new ClassBalancedSelection(), HoldOutFraction = 0 });

        Directory.CreateDirectory("output");
        var path = Path.Combine("output", "self-training-class-drift.png");
        Draw(path, unguarded, balanced);
        Console.WriteLine($"Wrote {path}");

        // Expected output:
        // unguarded: accuracy 0.667; pseudo-labels setosa 46, versicolor 0, virginica 83
        // ClassBalancedSelection: accuracy 0.953; pseudo-labels setosa 0, versicolor 0, virginica 0
        // Wrote output/self-training-class-drift.png
    }

    private static (string Name, double Accuracy, SelfTrainingReport Report) Run(MLContext mlContext, IDataView data, int[] truth, SelfTrainingOptions options)
    {
        var estimator = mlContext.SemiSupervised.SelfTraining(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options);
        var result = estimator.FitWithReport(data);
        var predicted = result.Model.Transform(data).GetColumn<uint>("PredictedLabel").Select(k => (int)k - 1).ToArray();
        double accuracy = (double)predicted.Where((p, i) => p == truth[i]).Count() / truth.Length;
        string name = options.Selection is ClassBalancedSelection ? "ClassBalancedSelection" : "unguarded";
        var perClass = Enumerable.Range(0, 3).Select(c => result.Report.AssignedClass.Where((a, r) => a == c && result.Report.LabeledIteration[r] > 0).Count());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: accuracy {accuracy:F3}; pseudo-labels {string.Join(", ", perClass.Select((n, c) => $"{Species[c]} {n}"))}"));
        return (name, accuracy, result.Report);
    }

    private static void Draw(string path, params (string Name, double Accuracy, SelfTrainingReport Report)[] runs)
    {
        var colors = new[] { Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c") };
        var multiplot = new Multiplot();
        multiplot.AddPlots(runs.Length);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int p = 0; p < runs.Length; p++)
        {
            var (name, accuracy, report) = runs[p];
            var plot = multiplot.GetPlot(p);
            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{name}: accuracy {accuracy:F3} on all 150 rows"));
            plot.XLabel("iteration");
            plot.YLabel("rows labeled, per species (cumulative)");
            for (int c = 0; c < 3; c++)
            {
                var counts = Enumerable.Range(0, report.NumberOfIterations + 1)
                    .Select(k => (double)report.AssignedClass.Where((a, r) => a == c && report.LabeledIteration[r] >= 0 && report.LabeledIteration[r] <= k).Count())
                    .ToArray();
                var line = plot.Add.Scatter(Enumerable.Range(0, counts.Length).Select(k => (double)k).ToArray(), counts, colors[c]);
                line.LegendText = Species[c];
                line.LineWidth = 2;
            }
            plot.Axes.SetLimits(0, runs.Max(r => r.Report.NumberOfIterations), 0, 110);
            plot.ShowLegend(Alignment.UpperLeft);
        }
        multiplot.SavePng(path, 1400, 550);
    }

    private sealed class Row
    {
        [VectorType(4)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public float Label { get; set; }
    }
}

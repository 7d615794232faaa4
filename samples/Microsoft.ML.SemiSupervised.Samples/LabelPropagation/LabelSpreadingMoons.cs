using Microsoft.ML;
using Microsoft.ML.Data;
using ScottPlot;

namespace Microsoft.ML.SemiSupervised.Samples.LabelPropagation;

/// <summary>
/// The classic worked example: two interleaved half moons, 500 points of which 50 are labeled; label spreading over
/// a 7-nearest-neighbour graph labels the other 450. Draws true and predicted labels side by side as a PNG.
/// </summary>
public static class LabelSpreadingMoons
{
    /// <summary>Runs the sample.</summary>
    public static void Example()
    {
        var mlContext = new MLContext(seed: 0);
        // X1, X2, Label (empty for the 450 unlabeled rows, read as NaN), TrueLabel.
        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [','],
            HasHeader = true,
            MissingRealsAsNaNs = true,
            Columns =
            [
                new TextLoader.Column("X1", DataKind.Single, 0),
                new TextLoader.Column("X2", DataKind.Single, 1),
                new TextLoader.Column("Label", DataKind.Single, 2),
                new TextLoader.Column("TrueLabel", DataKind.Single, 3),
            ],
        });
        var data = loader.Load(Path.Combine(AppContext.BaseDirectory, "data", "moons_seed.csv"));

        var pipeline = mlContext.Transforms.Concatenate("Features", "X1", "X2")
            .Append(mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 7));
        var model = pipeline.Fit(data);
        var output = model.Transform(data);

        var x = output.GetColumn<float>("X1").ToArray();
        var y = output.GetColumn<float>("X2").ToArray();
        var shown = output.GetColumn<float>("Label").ToArray();
        var truth = output.GetColumn<float>("TrueLabel").ToArray();
        var predicted = output.GetColumn<float>("PropagatedLabel").ToArray();
        var hidden = Enumerable.Range(0, x.Length).Where(i => float.IsNaN(shown[i])).ToArray();
        int correct = hidden.Count(i => predicted[i] == truth[i]);
        var report = model.LastTransformer.Report;
        Console.WriteLine($"Labeled rows: {x.Length - hidden.Length} of {x.Length}; label spreading ran {report.NumberOfIterations} iterations (converged: {report.Converged}).");
        Console.WriteLine($"Accuracy on the {hidden.Length} unlabeled rows: {100.0 * correct / hidden.Length:0.00} % (scikit-learn 1.2.1: 95.78 %).");

        Directory.CreateDirectory("output");
        var path = Path.Combine("output", "label-spreading-moons.png");
        Draw(path, x, y, shown, truth, predicted);
        Console.WriteLine($"Wrote {path}");

        // Expected output:
        // Labeled rows: 50 of 500; label spreading ran 6 iterations (converged: True).
        // Accuracy on the 450 unlabeled rows: 97.11 % (scikit-learn 1.2.1: 95.78 %).
        // Wrote output/label-spreading-moons.png
    }

    private static void Draw(string path, float[] x, float[] y, float[] shown, float[] truth, float[] predicted)
    {
        var colors = new[] { Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e") };
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var left = multiplot.GetPlot(0);
        var right = multiplot.GetPlot(1);
        left.Title("True labels (large: the 50 labeled rows)");
        right.Title("Label spreading, k = 7 (x: misclassified)");
        for (int c = 0; c < 2; c++)
        {
            AddPoints(left, x, y, i => truth[i] == c, colors[c], 4, MarkerShape.FilledCircle, $"class {c}");
            AddPoints(left, x, y, i => !float.IsNaN(shown[i]) && shown[i] == c, colors[c], 10, MarkerShape.FilledCircle, null);
            AddPoints(right, x, y, i => predicted[i] == c, colors[c], 4, MarkerShape.FilledCircle, $"predicted {c}");
        }
        AddPoints(right, x, y, i => float.IsNaN(shown[i]) && predicted[i] != truth[i], Colors.Red, 12, MarkerShape.Eks, "misclassified");
        left.ShowLegend();
        right.ShowLegend();
        multiplot.SavePng(path, 1400, 600);
    }

    private static void AddPoints(Plot plot, float[] x, float[] y, Func<int, bool> include, Color color, float size, MarkerShape shape, string? label)
    {
        var rows = Enumerable.Range(0, x.Length).Where(include).ToArray();
        var scatter = plot.Add.ScatterPoints(rows.Select(i => (double)x[i]).ToArray(), rows.Select(i => (double)y[i]).ToArray(), color);
        scatter.MarkerSize = size;
        scatter.MarkerShape = shape;
        if (label is not null)
            scatter.LegendText = label;
    }
}

using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Our half of the graph defaults comparison (scripts/compare_graph_defaults.py reads what this writes): for every data
/// set of test/data, 1, 5 and 10 % labels and seeds 1 to 3, label spreading and label propagation with the kNN (k = 7)
/// and RBF (Gamma = 20) kernels under each setting of the graph and the fallback: accuracy on the unlabeled training
/// rows (the transduction) and on the test rows (the inductive rule), and how many rows the fallback labeled or none did.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- graph-defaults artifacts/graph</c>,
/// then <c>/usr/bin/python3 scripts/compare_graph_defaults.py artifacts/graph</c>. Features are scaled by their largest
/// absolute training value on both sides (NormalizeMinMax here, MaxAbsScaler there), as in <c>sklearn-compare</c>.
/// </remarks>
public static class GraphDefaultsComparison
{
    private static readonly string[] DataSets = { "iris", "wine", "breast_cancer", "digits", "moons_seed" };
    private static readonly double[] Fractions = { 0.01, 0.05, 0.10 };
    private static readonly int[] Seeds = { 1, 2, 3 };

    /// <summary>The settings compared: name, SymmetrizeGraph, fallback. "directed" is scikit-learn's (the old default).</summary>
    private static readonly (string Name, bool Symmetrize, UnreachedRowFallback Fallback)[] Settings =
    {
        ("directed", false, UnreachedRowFallback.None),
        ("directed+reached", false, UnreachedRowFallback.NearestReachedRows),
        ("directed+labeled", false, UnreachedRowFallback.NearestLabeledRow),
        ("symmetric", true, UnreachedRowFallback.None),
        ("symmetric+reached", true, UnreachedRowFallback.NearestReachedRows),
        ("symmetric+labeled", true, UnreachedRowFallback.NearestLabeledRow),
    };

    /// <summary>Writes splits.csv, graph.csv and predictions.csv (the directed setting's labels of the training rows) into <paramref name="arguments"/>[0].</summary>
    public static int Run(string[] arguments)
    {
        var directory = arguments.Length > 0 ? arguments[0] : Path.Combine("artifacts", "graph");
        Directory.CreateDirectory(directory);
        using var splits = new StreamWriter(Path.Combine(directory, "splits.csv"));
        using var results = new StreamWriter(Path.Combine(directory, "graph.csv"));
        using var predictions = new StreamWriter(Path.Combine(directory, "predictions.csv"));
        splits.WriteLine("dataset,fraction,seed,role,rows");
        results.WriteLine("dataset,fraction,seed,method,kernel,setting,transductive,inductive,fallback,unreached");
        predictions.WriteLine("dataset,fraction,seed,method,kernel,rows,classes");
        foreach (var name in DataSets)
        {
            var data = name == "moons_seed" ? CsvDataSet.Load(name, "TrueLabel", "Label") : CsvDataSet.Load(name);
            foreach (var fraction in Fractions)
            {
                foreach (var seed in Seeds)
                {
                    var split = SemiSupervisedSplit.Create(data, fraction, seed);
                    string key = string.Create(CultureInfo.InvariantCulture, $"{name},{fraction},{seed}");
                    TableData.WriteSplit(splits, key, split);
                    Measure(data, split, seed, key, results, predictions);
                    Console.WriteLine($"{key} done");
                }
            }
        }
        return 0;
    }

    private static void Measure(CsvDataSet data, SemiSupervisedSplit split, int seed, string key, StreamWriter results, StreamWriter predictions)
    {
        var ml = new MLContext(seed);
        var normalizer = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(ml, data, split));
        var train = ml.Data.Cache(normalizer.Transform(DataViews.Train(ml, data, split)));
        var test = ml.Data.Cache(normalizer.Transform(DataViews.Test(ml, data, split)));
        var trainTruth = split.TrainRows.Select(r => data.Labels[r]).ToArray();
        var testTruth = split.TestRows.Select(r => data.Labels[r]).ToArray();
        foreach (var method in new[] { "spreading", "propagation" })
        {
            foreach (var kernel in new[] { LabelPropagationKernel.NearestNeighbors, LabelPropagationKernel.Rbf })
            {
                foreach (var (setting, symmetrize, fallback) in Settings)
                {
                    if (kernel == LabelPropagationKernel.Rbf && symmetrize)
                        continue; // the dense RBF graph is symmetric already: the directed rows stand for both
                    GraphLabelingOptions options = method == "spreading" ? new LabelSpreadingOptions() : new LabelPropagationOptions();
                    options.Kernel = kernel;
                    options.NumberOfNeighbors = 7;
                    options.Gamma = 20;
                    options.SymmetrizeGraph = symmetrize;
                    options.UnreachedRowFallback = fallback;
                    options.Seed = seed;
                    var estimator = options is LabelSpreadingOptions spreading ? ml.SemiSupervised.LabelSpreading(spreading) : ml.SemiSupervised.LabelPropagation((LabelPropagationOptions)options);
                    var model = estimator.Fit(train);
                    var trained = Classes(model.Transform(train));
                    var tested = Classes(model.Transform(test));
                    var unlabeled = Enumerable.Range(0, trainTruth.Length).Where(i => !split.TrainLabeled[i]).ToArray();
                    double transductive = (double)unlabeled.Count(i => trained[i] == trainTruth[i]) / unlabeled.Length;
                    double inductive = (double)Enumerable.Range(0, testTruth.Length).Count(i => tested[i] == testTruth[i]) / testTruth.Length;
                    string kernelName = kernel == LabelPropagationKernel.Rbf ? "rbf" : "knn";
                    results.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{key},{method},{kernelName},{setting},{transductive:F4},{inductive:F4},{model.Report.FallbackRowCount},{model.Report.UnreachedRowCount}"));
                    if (setting == "directed")
                        predictions.WriteLine($"{key},{method},{kernelName},{string.Join(' ', split.TrainRows)},{string.Join(' ', trained)}");
                }
            }
        }
    }

    /// <summary>The PropagatedLabel column as class numbers, -1 where missing.</summary>
    private static int[] Classes(IDataView scored) =>
        scored.GetColumn<float>("PropagatedLabel").Select(v => float.IsNaN(v) ? -1 : (int)v).ToArray();
}

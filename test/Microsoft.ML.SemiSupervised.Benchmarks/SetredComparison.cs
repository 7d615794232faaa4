using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Setred against plain self-training and the supervised baseline, on every data set in test/data at 1, 5 and 10 %
/// labels and three seeds (the splits of <see cref="SemiSupervisedSplit"/>), with the classifier and scaling of
/// <see cref="ScikitLearnComparison"/> (LbfgsMaximumEntropy as scikit-learn's LogisticRegression(C = 1), features
/// min-max scaled on the training rows). Prints one markdown row per data set and fraction: mean test accuracy over
/// the seeds, and writes every run to setred.csv.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- setred-compare artifacts/setred</c>.</remarks>
public static class SetredComparison
{
    private static readonly double[] Fractions = { 0.01, 0.05, 0.10 };
    private static readonly int[] Seeds = { 1, 2, 3 };
    private static readonly string[] Methods = { "supervised", "self-training", "setred", "self-training-guarded", "setred-guarded", "self-training-k-best", "setred-k-best" };

    /// <summary>Runs every data set, fraction, seed and method.</summary>
    public static void Run(string[] arguments)
    {
        var directory = arguments.Length > 0 ? arguments[0] : Path.Combine("artifacts", "setred");
        Directory.CreateDirectory(directory);
        using var results = new StreamWriter(Path.Combine(directory, "setred.csv"));
        results.WriteLine("dataset,fraction,seed,method,accuracy,added,seconds");
        var dataSets = new[]
        {
            CsvDataSet.Load("iris"), CsvDataSet.Load("wine"), CsvDataSet.Load("breast_cancer"), CsvDataSet.Load("digits"),
            CsvDataSet.Load("moons_seed", "TrueLabel", "Label"),
        };
        Console.WriteLine($"| data set | labels | {string.Join(" | ", Methods)} | setred - self-training |");
        Console.WriteLine($"|---|---|{string.Concat(Methods.Select(_ => "---|"))}---|");
        foreach (var data in dataSets)
        {
            foreach (var fraction in Fractions)
            {
                var means = new double[Methods.Length];
                foreach (var seed in Seeds)
                {
                    for (int m = 0; m < Methods.Length; m++)
                    {
                        var (accuracy, added, seconds) = Measure(data, fraction, seed, Methods[m]);
                        means[m] += accuracy / Seeds.Length;
                        results.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{data.Name},{fraction},{seed},{Methods[m]},{accuracy:F4},{added},{seconds:F3}"));
                        results.Flush();
                    }
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {data.Name} | {fraction:P0} | {string.Join(" | ", means.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} | {means[2] - means[1]:+0.000;-0.000;0.000} |"));
            }
        }
    }

    private static (double Accuracy, int Added, double Seconds) Measure(CsvDataSet data, double fraction, int seed, string method)
    {
        var split = SemiSupervisedSplit.Create(data, fraction, seed);
        var ml = new MLContext(seed);
        var normalizer = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(ml, data, split));
        var train = ml.Data.Cache(normalizer.Transform(DataViews.Train(ml, data, split)));
        var test = normalizer.Transform(DataViews.Test(ml, data, split));
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: ScikitLearnComparison.ScikitLearnL2(data.ClassCount));
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);

        var clock = Stopwatch.StartNew();
        int added = 0;
        ITransformer model;
        if (method == "supervised")
        {
            model = toKey.Append(trainer).Fit(ml.Data.FilterRowsByMissingValues(train, "Label"));
        }
        else
        {
            var options = method switch
            {
                "self-training" => new SelfTrainingOptions(),
                "setred" => new SelfTrainingOptions { Selection = new SetredSelection() },
                "self-training-guarded" => new SelfTrainingOptions { Selection = new ClassBalancedSelection(), HoldOutFraction = 0.25 },
                "setred-guarded" => new SelfTrainingOptions { Selection = new ClassBalancedSelection(new SetredSelection()), HoldOutFraction = 0.25 },
                // Closer to the paper's setting: few candidates per iteration, so that most neighbours are labeled rows.
                "self-training-k-best" => new SelfTrainingOptions { Selection = new KBestSelection(), MaximumNumberOfIterations = 40 },
                _ => new SelfTrainingOptions { Selection = new SetredSelection(new KBestSelection()), MaximumNumberOfIterations = 40 },
            };
            SelfTrainingReport? report = null;
            options.FitCompleted = fitted => report = fitted;
            model = toKey.Append(ml.SemiSupervised.SelfTraining(trainer, options)).Fit(train);
            added = report!.PseudoLabeledCount;
        }
        double seconds = clock.Elapsed.TotalSeconds;

        var scored = model.Transform(test);
        VBuffer<float> keyValues = default;
        scored.Schema["PredictedLabel"].GetKeyValues(ref keyValues);
        var values = keyValues.DenseValues().ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").Select(k => k == 0 ? -1 : (int)values[k - 1]).ToArray();
        double accuracy = (double)predicted.Where((p, i) => p == data.Labels[split.TestRows[i]]).Count() / predicted.Length;
        return (accuracy, added, seconds);
    }
}

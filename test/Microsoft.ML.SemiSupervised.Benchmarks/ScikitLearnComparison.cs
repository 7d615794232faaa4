using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Our half of the side-by-side comparison with scikit-learn (scripts/compare_with_sklearn.py reads what
/// this writes): for every data set, labeled fraction and seed, the split itself (so that scikit-learn
/// runs on exactly the same rows) and the accuracy and fit time of the supervised baseline, self-training
/// with scikit-learn's defaults, self-training with the guards, and label spreading and label propagation
/// (kNN kernel, k = 7, our other defaults: since 2026-11-30 a symmetric graph and the fallback, see the graph-defaults
/// runner, <see cref="GraphDefaultsComparison"/>) predicting the test rows inductively; and, to show what the setting is worth, the
/// supervised baseline and self-training with LbfgsMaximumEntropy's own defaults (L1 = 1, L2 = 1).
/// </summary>
/// <remarks>
/// <para>
/// Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- sklearn-compare artifacts/compare</c>.
/// </para>
/// <para>
/// The classifier on both sides is logistic regression with scikit-learn's default LogisticRegression(C = 1): an L2
/// penalty and no L1, on features scaled by their largest absolute training value (NormalizeMinMax here, MaxAbsScaler
/// there). ML.NET's L-BFGS trainers default to L1 = 1, so the L1 weight is set to 0. ML.NET minimizes the summed
/// log-loss plus (L2 / 2)·|w|² (its L2 weight, biases not penalized), scikit-learn the summed log-loss plus
/// |w|² / (2C) (intercept not penalized), so L2 = 1 / C for three or more classes. With two classes scikit-learn fits
/// one weight vector w, while LbfgsMaximumEntropy fits one per class, whose penalty at the optimum (w/2 and -w/2) is
/// (L2 / 4)·|w|²: the same model needs L2 = 2 / C there (<see cref="ScikitLearnL2"/>).
/// </para>
/// </remarks>
public static class ScikitLearnComparison
{
    private static readonly string[] DataSets = { "iris", "wine", "breast_cancer", "digits" };
    private static readonly double[] Fractions = { 0.01, 0.05, 0.10 };
    private static readonly int[] Seeds = { 1, 2, 3 };
    private static readonly string[] Methods = { "supervised", "self-training", "self-training-guarded", "label-spreading", "label-propagation", "supervised-mlnet-defaults", "self-training-mlnet-defaults" };

    /// <summary>scikit-learn's C.</summary>
    private const float C = 1;

    /// <summary>
    /// LbfgsMaximumEntropy's L2 weight for the model scikit-learn's LogisticRegression(C) fits: 1 / C, or 2 / C with two
    /// classes (one weight vector per class, each half of scikit-learn's single one).
    /// </summary>
    public static float ScikitLearnL2(int classCount) => classCount == 2 ? 2 / C : 1 / C;

    /// <summary>Writes splits.csv and ours.csv into <paramref name="arguments"/>[0].</summary>
    public static void Run(string[] arguments)
    {
        var directory = arguments.Length > 0 ? arguments[0] : Path.Combine("artifacts", "compare");
        Directory.CreateDirectory(directory);
        using var splits = new StreamWriter(Path.Combine(directory, "splits.csv"));
        using var results = new StreamWriter(Path.Combine(directory, "ours.csv"));
        splits.WriteLine("dataset,fraction,seed,role,rows");
        results.WriteLine("dataset,fraction,seed,method,accuracy,seconds");
        Measure(CsvDataSet.Load("iris"), 0.05, 1, "supervised"); // warm up the JIT before anything is timed

        foreach (var name in DataSets)
        {
            var data = CsvDataSet.Load(name);
            foreach (var fraction in Fractions)
            {
                foreach (var seed in Seeds)
                {
                    var split = SemiSupervisedSplit.Create(data, fraction, seed);
                    string key = string.Create(CultureInfo.InvariantCulture, $"{name},{fraction},{seed}");
                    TableData.WriteSplit(splits, key, split);
                    foreach (var method in Methods)
                    {
                        var (accuracy, seconds) = Measure(data, fraction, seed, method);
                        results.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key},{method},{accuracy:F4},{seconds:F3}"));
                    }
                    Console.WriteLine($"{key} done");
                }
            }
        }
    }

    private static (double Accuracy, double Seconds) Measure(CsvDataSet data, double fraction, int seed, string method)
    {
        var split = SemiSupervisedSplit.Create(data, fraction, seed);
        var ml = new MLContext(seed);
        // Scaled as scikit-learn's side is: by the largest absolute value over all training rows, labeled or not.
        var normalizer = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(ml, data, split));
        var train = ml.Data.Cache(normalizer.Transform(DataViews.Train(ml, data, split)));
        var test = normalizer.Transform(DataViews.Test(ml, data, split));
        var trainer = method.EndsWith("-mlnet-defaults", StringComparison.Ordinal)
            ? ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()
            : ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: ScikitLearnL2(data.ClassCount));
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);

        var clock = Stopwatch.StartNew();
        if (method.StartsWith("label-", StringComparison.Ordinal))
        {
            // Both graph methods with scikit-learn's kNN kernel and k = 7; label propagation with its max_iter of 1000.
            ITransformer graph = method == "label-spreading"
                ? ml.SemiSupervised.LabelSpreading(numberOfNeighbors: 7).Fit(train)
                : ml.SemiSupervised.LabelPropagation(numberOfNeighbors: 7, maximumNumberOfIterations: 1000).Fit(train);
            double graphSeconds = clock.Elapsed.TotalSeconds;
            var propagated = graph.Transform(test).GetColumn<float>("PropagatedLabel").ToArray();
            double graphAccuracy = (double)propagated.Where((p, i) => p == data.Labels[split.TestRows[i]]).Count() / propagated.Length;
            return (graphAccuracy, graphSeconds);
        }
        ITransformer model = method switch
        {
            "supervised" or "supervised-mlnet-defaults" => toKey.Append(trainer).Fit(ml.Data.FilterRowsByMissingValues(train, "Label")),
            "self-training" or "self-training-mlnet-defaults" => toKey.Append(ml.SemiSupervised.SelfTraining(trainer)).Fit(train),
            _ => toKey.Append(ml.SemiSupervised.SelfTraining(trainer, new SelfTrainingOptions { Selection = new ClassBalancedSelection(), HoldOutFraction = 0.25 })).Fit(train),
        };
        double seconds = clock.Elapsed.TotalSeconds;

        var scored = model.Transform(test);
        VBuffer<float> keyValues = default;
        scored.Schema["PredictedLabel"].GetKeyValues(ref keyValues);
        var values = keyValues.DenseValues().ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").Select(k => k == 0 ? -1 : (int)values[k - 1]).ToArray();
        double accuracy = (double)predicted.Where((p, i) => p == data.Labels[split.TestRows[i]]).Count() / predicted.Length;
        return (accuracy, seconds);
    }
}

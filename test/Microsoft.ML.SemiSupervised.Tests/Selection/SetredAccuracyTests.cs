using System.Globalization;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.Selection;

/// <summary>
/// Setred against plain self-training (the same confidence threshold, no editing) and the supervised baseline, all
/// measured in the same test on breast_cancer at 5 % labels (min-max scaled features, so that the neighbour graph
/// weighs every feature alike), mean test accuracy over fixed seeds. The classifier is L-BFGS logistic regression
/// without L1 (ML.NET's default L1 weight of 1 leaves 20 labeled rows a constant model, which labels nothing).
/// </summary>
public sealed class SetredAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_BreastCancerAtFivePercentLabels_SetredComparedWithSelfTrainingAndBaseline()
    {
        var data = CsvDataSet.Load("breast_cancer");
        var runs = new Dictionary<string, List<double>>
        {
            ["supervised"] = new(), ["self-training"] = new(), ["setred"] = new(), ["self-training guarded"] = new(), ["setred guarded"] = new(),
        };
        var pseudoLabeled = runs.Keys.ToDictionary(k => k, _ => 0);
        var options = new Dictionary<string, Func<SelfTrainingOptions>>
        {
            // Unguarded: threshold 0.75 without balance or hold-out (self-training's defaults before issue 11).
            ["self-training"] = () => new SelfTrainingOptions { Selection = new ConfidenceThresholdSelection(0.75), HoldOutFraction = 0 },
            ["setred"] = () => new SelfTrainingOptions { Selection = new SetredSelection(), HoldOutFraction = 0 },
            ["self-training guarded"] = () => new SelfTrainingOptions { Selection = new ClassBalancedSelection(), HoldOutFraction = 0.25 },
            ["setred guarded"] = () => new SelfTrainingOptions { Selection = new ClassBalancedSelection(new SetredSelection()), HoldOutFraction = 0.25 },
        };
        for (int seed = 1; seed <= 3; seed++)
        {
            var (ml, train, test, truth, labeledBoolean) = AccuracyFold.Binary(data, 0.05, seed);
            runs["supervised"].Add(Accuracy.Of(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: 0).Fit(labeledBoolean), test, truth));
            foreach (var (name, create) in options)
            {
                var result = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: 0), create()).FitWithReport(train);
                runs[name].Add(Accuracy.Of(result.Model, test, truth));
                pseudoLabeled[name] += result.Report.PseudoLabeledCount;
            }
        }

        foreach (var (name, accuracies) in runs)
            output.WriteLine($"{name}: {string.Join(" ", accuracies.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} mean {accuracies.Average():F6}, {pseudoLabeled[name]} pseudo-labels");
        double Mean(string name) => runs[name].Average();
        // What is true here: unguarded self-training labels two thirds of the pool in its first iteration and falls
        // far below the baseline, and Setred's editing does not rescue it (its neighbour test passes the coherent
        // pseudo-labels of a linear model): within a point of plain self-training. With the guards, Setred matches or
        // beats the supervised baseline.
        Assert.True(Math.Abs(Mean("setred") - Mean("self-training")) <= 0.01, $"setred {Mean("setred"):F4} vs self-training {Mean("self-training"):F4}");
        Assert.True(Mean("setred guarded") >= Mean("supervised"), $"setred guarded {Mean("setred guarded"):F4} < supervised {Mean("supervised"):F4}");
        Assert.True(Mean("setred guarded") >= Mean("self-training guarded") - 0.01, $"setred guarded {Mean("setred guarded"):F4} < self-training guarded {Mean("self-training guarded"):F4} - 0.01");
    }
}

using System.Globalization;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.TriTraining;

/// <summary>
/// Tri-training against the supervised baseline (the same trainer on the labeled rows alone) and against self-training
/// (the recommended configuration), all measured in the same test on real data at 5 % labels, accuracy on a held-out
/// 30 % averaged over fixed seeds.
/// </summary>
public sealed class TriTrainingAccuracyTests(ITestOutputHelper output)
{
    private const double LabeledFraction = 0.05;

    private static SelfTrainingOptions SelfTrainingRecommended() => new() { Selection = new ClassBalancedSelection(), HoldOutFraction = 0.25 };

    /// <summary>
    /// Measured (seeds 1-6): supervised 0.9064, self-training 0.9220, tri-training 0.9103 (every fit with a new SDCA trainer from a factory). Tri-training beats the
    /// baseline but not self-training here: with 20 labeled rows each bootstrap sample holds about 13 distinct rows, so
    /// the three models start weaker than one model on all 20 and their joint error estimate on 20 rows is coarse
    /// (steps of 5 %). Asserted: at least the baseline, and within 1.5 points of self-training.
    /// </summary>
    [Fact]
    public void Fit_BreastCancerAtFivePercentLabels_ComparedWithBaselineAndSelfTraining()
    {
        var data = CsvDataSet.Load("breast_cancer");
        var (supervised, selfTrained, triTrained) = (new List<double>(), new List<double>(), new List<double>());
        for (int seed = 1; seed <= 6; seed++)
        {
            var (ml, train, test, truth, labeledBoolean) = AccuracyFold.Binary(data, LabeledFraction, seed);
            var trainers = ml.BinaryClassification.Trainers;

            supervised.Add(Accuracy.Of(trainers.SdcaLogisticRegression().Fit(labeledBoolean), test, truth));
            // Factories: SDCA keeps what its first fit tuned, so each fit gets a new trainer.
            selfTrained.Add(Accuracy.Of(ml.SemiSupervised.SelfTraining(() => trainers.SdcaLogisticRegression(), SelfTrainingRecommended()).Fit(train), test, truth));
            triTrained.Add(Accuracy.Of(ml.SemiSupervised.TriTraining(() => trainers.SdcaLogisticRegression(), new TriTrainingOptions { Seed = seed }).Fit(train), test, truth));
        }

        Write("breast_cancer", supervised, selfTrained, triTrained);
        Assert.True(triTrained.Average() >= supervised.Average(), $"tri-training {triTrained.Average():F4} < supervised {supervised.Average():F4}");
        Assert.True(triTrained.Average() >= selfTrained.Average() - 0.015, $"tri-training {triTrained.Average():F4} < self-training {selfTrained.Average():F4} - 0.015");
    }

    /// <summary>Measured (seeds 1-3): supervised 0.8188, self-training 0.8244, tri-training 0.8516.</summary>
    [Fact]
    public void Fit_DigitsAtFivePercentLabels_ComparedWithBaselineAndSelfTraining()
    {
        var data = CsvDataSet.Load("digits");
        var (supervised, selfTrained, triTrained) = (new List<double>(), new List<double>(), new List<double>());
        for (int seed = 1; seed <= 3; seed++)
        {
            var (ml, train, test, truth, keyed) = AccuracyFold.Multiclass(data, LabeledFraction, seed);
            var trainers = ml.MulticlassClassification.Trainers;

            supervised.Add(Accuracy.Of(trainers.LbfgsMaximumEntropy().Fit(keyed), test, truth));
            selfTrained.Add(Accuracy.Of(ml.SemiSupervised.SelfTraining(trainers.LbfgsMaximumEntropy(), SelfTrainingRecommended()).Fit(train), test, truth));
            triTrained.Add(Accuracy.Of(ml.SemiSupervised.TriTraining(trainers.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = seed }).Fit(train), test, truth));
        }

        Write("digits", supervised, selfTrained, triTrained);
        Assert.True(triTrained.Average() >= supervised.Average(), $"tri-training {triTrained.Average():F4} < supervised {supervised.Average():F4}");
        Assert.True(triTrained.Average() >= selfTrained.Average(), $"tri-training {triTrained.Average():F4} < self-training {selfTrained.Average():F4}");
    }

    private void Write(string dataSet, List<double> supervised, List<double> selfTrained, List<double> triTrained)
    {
        foreach (var (name, values) in new[] { ("supervised", supervised), ("self-training", selfTrained), ("tri-training", triTrained) })
            output.WriteLine($"{dataSet} {name}: {string.Join(" ", values.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} mean {values.Average():F4}");
    }
}

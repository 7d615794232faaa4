using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.SelfTraining;

/// <summary>
/// Self-training with its defaults (the catalog's simple overload, nothing but the trainer) against the same trainer
/// on the labeled rows only, measured in the same test on the splits of the selftraining-defaults runner
/// (<see cref="SemiSupervisedSplit"/>, seeds 1-3, features min-max normalized on the training rows): the default must
/// not lose more than a point where the old default (threshold 0.75 without balance) lost, and must still gain where
/// self-training gains (issue 11; the whole table is in docs/benchmarks.md, "Self-training defaults").
/// </summary>
public sealed class SelfTrainingDefaultsAccuracyTests(ITestOutputHelper output)
{
    /// <summary>
    /// breast_cancer at 5 % labels with L2-regularized logistic regression: the old default pseudo-labeled a whole
    /// class wrong and fell from 0.858 to 0.733 (mean of seeds 1-3).
    /// </summary>
    [Fact]
    public void Fit_DefaultsOnBreastCancerWhereOldDefaultLost_StayWithinAPointOfSupervised()
    {
        var data = CsvDataSet.Load("breast_cancer");
        var (supervised, selfTrained) = (new List<double>(), new List<double>());
        for (int seed = 1; seed <= 3; seed++)
        {
            var (ml, train, test, truth) = Fold(data, 0.05, seed);
            var labeled = ml.Data.FilterRowsByMissingValues(train, "Label");
            var labeledBoolean = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Fit(labeled).Transform(labeled);
            supervised.Add(Accuracy.Of(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: 0, l2Regularization: 1).Fit(labeledBoolean), test, truth));
            selfTrained.Add(Accuracy.Of(ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: 0, l2Regularization: 1)).Fit(train), test, truth));
        }

        Write("breast_cancer", supervised, selfTrained);
        Assert.True(selfTrained.Average() >= supervised.Average() - 0.01,
            $"default self-training {selfTrained.Average():F4} is more than a point below supervised {supervised.Average():F4}");
    }

    /// <summary>
    /// wine at 5 % labels with weakly regularized maximum entropy, where self-training helps (the old default gained
    /// 6.3 points, mean of seeds 1-3): the default must still gain at least a point. (digits gains too, but its fits
    /// take most of a minute on the shared machine; the table has it.)
    /// </summary>
    [Fact]
    public void Fit_DefaultsOnWineWhereSelfTrainingHelps_GainOverSupervised()
    {
        var data = CsvDataSet.Load("wine");
        var (supervised, selfTrained) = (new List<double>(), new List<double>());
        for (int seed = 1; seed <= 3; seed++)
        {
            var (ml, train, test, truth) = Fold(data, 0.05, seed);
            var toKey = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
            supervised.Add(Accuracy.Of(toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: 0.01f))
                .Fit(ml.Data.FilterRowsByMissingValues(train, "Label")), test, truth));
            selfTrained.Add(Accuracy.Of(toKey.Append(ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: 0.01f)))
                .Fit(train), test, truth));
        }

        Write("wine", supervised, selfTrained);
        Assert.True(selfTrained.Average() >= supervised.Average() + 0.01,
            $"default self-training {selfTrained.Average():F4} does not gain a point over supervised {supervised.Average():F4}");
    }

    private static (MLContext Ml, IDataView Train, IDataView Test, int[] Truth) Fold(CsvDataSet data, double fraction, int seed)
    {
        var split = SemiSupervisedSplit.Create(data, fraction, seed);
        var ml = new MLContext(seed);
        var normalizer = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(ml, data, split));
        var train = ml.Data.Cache(normalizer.Transform(DataViews.Train(ml, data, split)));
        var test = normalizer.Transform(DataViews.Test(ml, data, split));
        return (ml, train, test, split.TestRows.Select(r => data.Labels[r]).ToArray());
    }

    private void Write(string name, List<double> supervised, List<double> selfTrained)
    {
        output.WriteLine($"{name}: supervised {string.Join(" ", supervised.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} mean {supervised.Average():F4}");
        output.WriteLine($"{name}: default self-training {string.Join(" ", selfTrained.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))} mean {selfTrained.Average():F4}");
    }
}

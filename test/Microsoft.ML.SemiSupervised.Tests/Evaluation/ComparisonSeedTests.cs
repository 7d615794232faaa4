using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Tests.Evaluation;

/// <summary>
/// The folds (and the learning curve's test rows) come from <see cref="SemiSupervisedEvaluationOptions.Seed"/>, not
/// from what the MLContext drew before: two identical comparisons on one context give identical results.
/// </summary>
public sealed class ComparisonSeedTests
{
    [Fact]
    public void CompareWithSupervised_TwoIdenticalCallsOnOneContext_GiveIdenticalFolds()
    {
        var ml = new MLContext(seed: 1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, labeledPerClass: 20);

        var first = ml.SemiSupervised.CompareWithSupervised(data, ml.SemiSupervised.LabelSpreading(), Supervised(ml));
        var second = ml.SemiSupervised.CompareWithSupervised(data, ml.SemiSupervised.LabelSpreading(), Supervised(ml));

        Assert.Equal(Describe(first), Describe(second));
        var otherSeed = ml.SemiSupervised.CompareWithSupervised(data, ml.SemiSupervised.LabelSpreading(), Supervised(ml), new SemiSupervisedEvaluationOptions { Seed = 7 });
        Assert.NotEqual(Describe(first), Describe(otherSeed)); // the seed, not chance, makes them equal
    }

    [Fact]
    public void CompareLearningCurves_TwoIdenticalCallsOnOneContext_GiveIdenticalPoints()
    {
        var ml = new MLContext(seed: 1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, labeledPerClass: 50);
        double[] fractions = [0.1, 0.3];

        var first = ml.SemiSupervised.CompareLearningCurves(data, ml.SemiSupervised.LabelSpreading(), Supervised(ml), fractions);
        var second = ml.SemiSupervised.CompareLearningCurves(data, ml.SemiSupervised.LabelSpreading(), Supervised(ml), fractions);

        Assert.Equal(first.Select(p => p.ToString()), second.Select(p => p.ToString()));
        Assert.Equal(first.Select(p => (p.SemiSupervisedAccuracy, p.SupervisedAccuracy, p.LabeledCount)), second.Select(p => (p.SemiSupervisedAccuracy, p.SupervisedAccuracy, p.LabeledCount)));
    }

    /// <summary>A deterministic baseline: L-BFGS on one thread.</summary>
    private static IEstimator<ITransformer> Supervised(MLContext ml) => ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }));

    private static string[] Describe(SemiSupervisedEvaluation evaluation) => evaluation.Folds
        .Select(f => FormattableString.Invariant($"{f.Fold}: {f.TestCount} test, {f.TrainingLabeledCount} labeled, {f.SemiSupervisedAccuracy:R} vs {f.SupervisedAccuracy:R}"))
        .ToArray();
}

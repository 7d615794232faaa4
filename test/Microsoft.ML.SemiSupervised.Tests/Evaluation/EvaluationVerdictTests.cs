using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.Evaluation;

/// <summary>
/// The verdict's rules: folds too small to measure anything give <see cref="EvaluationVerdict.Inconclusive"/> with the
/// reason; folds whose differences are all 0 do not give a zero-width interval; the interval stays within [-1, 1].
/// </summary>
public sealed class EvaluationVerdictTests(ITestOutputHelper output)
{
    /// <summary>The same single-threaded (so deterministic) trainer on both sides: every fold difference is exactly 0.</summary>
    private static IEstimator<ITransformer> Deterministic(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }));

    /// <summary>
    /// The interval's half-width when no test row tells the two models apart: the variance floor is the binomial
    /// variance of a fold's difference with the share of disagreeing rows smoothed to 1/(N + 2).
    /// </summary>
    private static double HalfWidthWithoutDisagreement(int testRows, int folds)
    {
        double floor = 1.0 / (testRows + 2) / ((double)testRows / folds);
        return BaselineComparison.StudentT975(folds - 1) * Math.Sqrt(floor * (1.0 / folds + 1.0 / (folds - 1)));
    }

    [Fact]
    public void CompareWithSupervised_FoldsOfThreeRowsAllDifferencesZero_CannotDecideAndSaysWhy()
    {
        // The ionosphere case of issue 8: 4 folds of 3 rows once gave [+0.0, +0.0]. Here 15 labeled rows, 5 folds of 3.
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);

        var evaluation = ml.SemiSupervised.CompareWithSupervised(data, Deterministic(ml), Deterministic(ml), new SemiSupervisedEvaluationOptions { Seed = 1 });
        output.WriteLine(evaluation.ToString());

        Assert.All(evaluation.Folds, f => Assert.Equal(3, f.TestCount));
        Assert.All(evaluation.Folds, f => Assert.Equal(0, f.Difference));
        Assert.Equal(EvaluationVerdict.Inconclusive, evaluation.Verdict);
        double halfWidth = HalfWidthWithoutDisagreement(15, 5); // 0.261
        Assert.Equal(-halfWidth, evaluation.ConfidenceIntervalLower, 9);
        Assert.Equal(halfWidth, evaluation.ConfidenceIntervalUpper, 9);
        Assert.Equal("cannot decide: the smallest fold has 3 labeled test rows, too few to measure a difference (MinimumTestRowsPerFold is 10); "
            + "label more rows or use fewer folds (difference +0.0 points, 95 % CI -26.1 to +26.1)", evaluation.Summary);
    }

    [Fact]
    public void CompareWithSupervised_FoldsOfTwelveRowsAllDifferencesZero_IntervalHasTheBinomialFloor()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 20);

        var evaluation = ml.SemiSupervised.CompareWithSupervised(data, Deterministic(ml), Deterministic(ml), new SemiSupervisedEvaluationOptions { Seed = 1 });
        output.WriteLine(evaluation.ToString());

        Assert.All(evaluation.Folds, f => Assert.Equal(12, f.TestCount));
        Assert.All(evaluation.Folds, f => Assert.Equal(0, f.Difference));
        double halfWidth = HalfWidthWithoutDisagreement(60, 5); // 0.068
        Assert.Equal(-halfWidth, evaluation.ConfidenceIntervalLower, 9);
        Assert.Equal(halfWidth, evaluation.ConfidenceIntervalUpper, 9);
        Assert.Equal(EvaluationVerdict.NoMeasurableGain, evaluation.Verdict);
        Assert.Equal("no measurable gain (difference +0.0 points, 95 % CI -6.8 to +6.8)", evaluation.Summary);
    }

    [Fact]
    public void CompareWithSupervised_MinimumTestRowsPerFoldLowered_DecidesOnSmallFolds()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);

        var evaluation = ml.SemiSupervised.CompareWithSupervised(data, Deterministic(ml), Deterministic(ml),
            new SemiSupervisedEvaluationOptions { Seed = 1, MinimumTestRowsPerFold = 3 });

        Assert.Equal(EvaluationVerdict.NoMeasurableGain, evaluation.Verdict);
    }

    [Fact]
    public void ConfidenceInterval_AllDifferencesZero_UsesTheVarianceFloor()
    {
        var (lower, upper) = BaselineComparison.ConfidenceInterval([0.0, 0.0, 0.0, 0.0], minimumVariance: 0.01);

        // half-width 3.182 * sqrt(0.01 * (1/4 + 1/3)) = 0.24303
        Assert.Equal(-0.24303, lower, 4);
        Assert.Equal(0.24303, upper, 4);
    }

    [Fact]
    public void ConfidenceInterval_WiderThanAnAccuracyDifferenceCanBe_IsClippedToMinusOneToOne()
    {
        // Two folds: t = 12.706, half-width 12.706 * sqrt(0.18 * (1/2 + 1)) = 6.6 before clipping.
        var (lower, upper) = BaselineComparison.ConfidenceInterval([0.6, 0.0], minimumVariance: 0);

        Assert.Equal(-1, lower);
        Assert.Equal(1, upper);
    }

    [Theory]
    [InlineData(0, 0, 30, 3, 1.0 / 32 / 10)]         // no disagreement: the smoothed share 1/(N + 2), a coin flip each
    [InlineData(6, 0, 30, 3, 7.0 / 32 * 4 * (7.0 / 8) * (1.0 / 8) / 10)] // every disagreement favours one side
    [InlineData(3, 3, 30, 3, 7.0 / 32 / 10)]         // disagreements split evenly
    public void MinimumVariance_BinomialVarianceOfAFoldsDifference(int semiOnly, int supervisedOnly, int testRows, int folds, double expected)
    {
        Assert.Equal(expected, BaselineComparison.MinimumVariance(semiOnly, supervisedOnly, testRows, folds), 12);
    }

    [Fact]
    public void Options_MinimumTestRowsPerFold_DefaultAndValidation()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var trainer = Deterministic(ml);

        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.CompareWithSupervised(data, trainer, trainer, new SemiSupervisedEvaluationOptions { MinimumTestRowsPerFold = 0 }));

        Assert.Equal(10, new SemiSupervisedEvaluationOptions().MinimumTestRowsPerFold);
        Assert.Equal("Invalid evaluation options: MinimumTestRowsPerFold must be positive; got 0.", e.Message);
    }
}

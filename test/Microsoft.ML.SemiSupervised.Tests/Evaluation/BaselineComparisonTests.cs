using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.Evaluation;

public sealed class BaselineComparisonTests(ITestOutputHelper output)
{
    private static IDataView Digits(MLContext ml, double labeledFraction, out int labeledCount)
    {
        var data = CsvDataSet.Load("digits");
        var split = SemiSupervisedSplit.Create(data, labeledFraction, 1, testFraction: 0);
        labeledCount = split.LabeledCount;
        return DataViews.Train(ml, data, split);
    }

    [Fact]
    public void CompareWithSupervised_SelfTrainingOnDigits_ComparesFoldByFoldWithMlNetMetrics()
    {
        var ml = new MLContext(1);
        var data = Digits(ml, 0.1, out int labeled);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label");
        var semi = toKey.Append(ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { Selection = new ClassBalancedSelection() }));
        var supervised = toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var evaluation = ml.SemiSupervised.CompareWithSupervised(data, semi, supervised, new SemiSupervisedEvaluationOptions { Seed = 1 });
        output.WriteLine(evaluation.ToString());
        foreach (var fold in evaluation.Folds)
            output.WriteLine($"fold {fold.Fold}: {fold.SemiSupervisedAccuracy:F4} vs {fold.SupervisedAccuracy:F4}");

        Assert.Equal(5, evaluation.Folds.Count);
        Assert.Equal(labeled, evaluation.Folds.Sum(f => f.TestCount)); // every labeled row tested once
        Assert.All(evaluation.Folds, f => Assert.Equal(labeled - f.TestCount, f.TrainingLabeledCount));
        Assert.All(evaluation.Folds, f => Assert.Equal(f.SupervisedAccuracy, f.SupervisedMulticlassMetrics!.MicroAccuracy, 6));
        Assert.All(evaluation.Folds, f => Assert.Equal(f.SemiSupervisedAccuracy, f.SemiSupervisedMulticlassMetrics!.MicroAccuracy, 6));
        Assert.All(evaluation.Folds, f => Assert.Null(f.SemiSupervisedBinaryMetrics));
        Assert.Equal(evaluation.Folds.Average(f => f.Difference), evaluation.Difference, 12);
        Assert.True(evaluation.ConfidenceIntervalLower < evaluation.Difference && evaluation.Difference < evaluation.ConfidenceIntervalUpper);
        // Measured: +0.6 points, 95 % CI -5.9 to +7.1 over folds of 36 rows (the binomial floor on the variance: -3.8 to +4.9 without it): too few test rows to call it.
        Assert.Equal(EvaluationVerdict.NoMeasurableGain, evaluation.Verdict);
        Assert.StartsWith("no measurable gain (difference ", evaluation.Summary);
    }

    [Fact]
    public void CompareWithSupervised_SelfTrainingOnDigitsWithFivePercentLabels_ReportsTheGainWithItsUncertainty()
    {
        // Measured: +3.3 points (0.900 against 0.867), 95 % CI -6.8 to +13.5: with 18 test rows a fold, the
        // corrected interval is wide, and the verdict says so rather than overclaim.
        var ml = new MLContext(1);
        var data = Digits(ml, 0.05, out _);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label");
        var semi = toKey.Append(ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { Selection = new ClassBalancedSelection() }));
        var supervised = toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var evaluation = ml.SemiSupervised.CompareWithSupervised(data, semi, supervised, new SemiSupervisedEvaluationOptions { Seed = 1 });
        output.WriteLine(evaluation.ToString());

        Assert.True(evaluation.SemiSupervisedAccuracy > evaluation.SupervisedAccuracy);
        Assert.Equal(EvaluationVerdict.NoMeasurableGain, evaluation.Verdict);
    }

    [Fact]
    public void CompareWithSupervised_ModelClearlyBetterThanBaseline_SaysItHelped()
    {
        // The mirror of the blind-model test: the baseline here is the model that ignores the features.
        var ml = new MLContext(1);
        var data = Digits(ml, 0.1, out _);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label");
        var seeing = toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var evaluation = ml.SemiSupervised.CompareWithSupervised(data, seeing, Blind(ml), new SemiSupervisedEvaluationOptions { Seed = 1 });

        Assert.Equal(EvaluationVerdict.Helped, evaluation.Verdict);
        Assert.StartsWith("unlabeled data helped by ", evaluation.Summary);
        Assert.True(evaluation.ConfidenceIntervalLower > 0);
    }

    [Fact]
    public void CompareWithSupervised_BinaryWithSingleLabel_UsesBinaryMetrics()
    {
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("breast_cancer");
        var view = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(ml, data, SemiSupervisedSplit.Create(data, 0.1, 1, testFraction: 0)))
            .Transform(DataViews.Train(ml, data, SemiSupervisedSplit.Create(data, 0.1, 1, testFraction: 0)));
        var semi = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var supervised = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());

        var evaluation = ml.SemiSupervised.CompareWithSupervised(view, semi, supervised, new SemiSupervisedEvaluationOptions { Seed = 1, NumberOfFolds = 3 });
        output.WriteLine(evaluation.ToString());

        Assert.Equal(3, evaluation.Folds.Count);
        Assert.All(evaluation.Folds, f => Assert.Equal(f.SupervisedAccuracy, f.SupervisedBinaryMetrics!.Accuracy, 6));
        Assert.All(evaluation.Folds, f => Assert.InRange(f.SemiSupervisedBinaryMetrics!.AreaUnderRocCurve, 0.5, 1));
        Assert.All(evaluation.Folds, f => Assert.Null(f.SupervisedMulticlassMetrics));
    }

    [Fact]
    public void CompareWithSupervised_ModelThatIgnoresTheFeatures_SaysItHurt()
    {
        // The "semi-supervised" side here is a classifier on a constant feature: it can only predict one class.
        var ml = new MLContext(1);
        var data = Digits(ml, 0.1, out _);
        var supervised = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var evaluation = ml.SemiSupervised.CompareWithSupervised(data, Blind(ml), supervised, new SemiSupervisedEvaluationOptions { Seed = 1 });

        Assert.Equal(EvaluationVerdict.Hurt, evaluation.Verdict);
        Assert.StartsWith("it hurt: ", evaluation.Summary);
        Assert.True(evaluation.ConfidenceIntervalUpper < 0);
    }

    [Fact]
    public void CompareLearningCurves_Digits_NestedFractionsOnOneTestSet()
    {
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("digits");
        var view = DataViews.Load(ml, data.Features.Select((f, i) => new FloatLabelRow { Features = f, Label = data.Labels[i] }), data.Dimension);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label");
        var semi = toKey.Append(ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { Selection = new ClassBalancedSelection() }));
        var supervised = toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var curve = ml.SemiSupervised.CompareLearningCurves(view, semi, supervised, new[] { 0.5, 0.02, 0.1 }, options: new SemiSupervisedEvaluationOptions { Seed = 1 });
        foreach (var point in curve)
            output.WriteLine(point.ToString());

        Assert.Equal(new[] { 0.02, 0.1, 0.5 }, curve.Select(p => p.LabeledFraction));
        Assert.True(curve[0].LabeledCount < curve[1].LabeledCount && curve[1].LabeledCount < curve[2].LabeledCount);
        Assert.True(curve[2].SupervisedAccuracy > curve[0].SupervisedAccuracy + 0.05);
        Assert.True(curve[0].SemiSupervisedAccuracy > curve[0].SupervisedAccuracy, "at 2 % labels self-training should gain on digits");
    }

    [Fact]
    public void CompareLearningCurves_BinaryWhoseTestRowsAreAllOneClass_ScoresAccuracyInsteadOfFailingInTheAucEvaluator()
    {
        // 3 labeled rows of class 1 and 30 of class 0: 30 % of 3 rounds down to none, so the 9 test rows are all class 0,
        // where ML.NET's binary evaluator (its AUC) throws. The curve reads only accuracy.
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("breast_cancer");
        var ones = Enumerable.Range(0, data.Labels.Length).Where(r => data.Labels[r] == 1).Take(3).ToHashSet();
        var zeros = Enumerable.Range(0, data.Labels.Length).Where(r => data.Labels[r] == 0).Take(30).ToHashSet();
        var rows = data.Features.Select((f, r) => new FloatLabelRow { Features = f, Label = ones.Contains(r) || zeros.Contains(r) ? data.Labels[r] : float.NaN });
        var view = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Load(ml, rows, data.Dimension)).Transform(DataViews.Load(ml, rows, data.Dimension));
        var semi = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var supervised = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());

        var curve = ml.SemiSupervised.CompareLearningCurves(view, semi, supervised, [1.0], testFraction: 0.3, options: new SemiSupervisedEvaluationOptions { Seed = 1 });

        var point = Assert.Single(curve);
        Assert.Equal(3 + 21, point.LabeledCount);
        // Accuracy over the 9 test rows: a whole number of ninths.
        Assert.Equal(Math.Round(point.SupervisedAccuracy * 9), point.SupervisedAccuracy * 9, 9);
        Assert.Equal(Math.Round(point.SemiSupervisedAccuracy * 9), point.SemiSupervisedAccuracy * 9, 9);
    }

    [Fact]
    public void Options_Defaults_AreDocumentedValues()
    {
        var options = new SemiSupervisedEvaluationOptions();
        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal(5, options.NumberOfFolds);
        Assert.Equal(0, options.Seed);
    }

    [Fact]
    public void ConfidenceInterval_CorrectedResampledT()
    {
        var (lower, upper) = BaselineComparison.ConfidenceInterval(new[] { 0.1, 0.2, 0.3 }, minimumVariance: 0);

        // mean 0.2, sample variance 0.01, k = 3: half-width 4.303 * sqrt(0.01 * (1/3 + 1/2)) = 0.3928
        Assert.Equal(0.2 - 0.39281, lower, 4);
        Assert.Equal(0.2 + 0.39281, upper, 4);
    }

    [Fact]
    public void CompareWithSupervised_InvalidOptionsAndFractions_Throw()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var trainer = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var folds = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.CompareWithSupervised(data, trainer, trainer, new SemiSupervisedEvaluationOptions { NumberOfFolds = 1 }));
        var fractions = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.CompareLearningCurves(data, trainer, trainer, new[] { 0.0, 0.5 }));

        Assert.Equal("Invalid evaluation options: NumberOfFolds must be at least 2; got 1.", folds.Message);
        Assert.StartsWith("Every labeled fraction must be in (0, 1]; got [0, 0.5].", fractions.Message);
    }

    [Fact]
    public void CompareWithSupervised_CancelledAfterTheFirstFold_ThrowsBeforeTheSecond()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var trainer = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        using var source = new CancellationTokenSource();
        var folds = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains(": semi-supervised ", StringComparison.Ordinal))
            {
                folds.Add(e.Message);
                source.Cancel();
            }
        };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ml.SemiSupervised.CompareWithSupervised(data, trainer, trainer, new SemiSupervisedEvaluationOptions { NumberOfFolds = 3, CancellationToken = source.Token }));
        Assert.Single(folds);
    }

    [Fact]
    public void CompareWithSupervised_EveryFold_LogsItsStartBeforeItsResult()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var trainer = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        var messages = new List<string>();
        ml.Log += (_, e) => messages.Add(e.RawMessage);

        ml.SemiSupervised.CompareWithSupervised(data, trainer, trainer, new SemiSupervisedEvaluationOptions { NumberOfFolds = 3 });

        for (int f = 0; f < 3; f++)
        {
            int started = messages.FindIndex(m => m.StartsWith($"fold {f} of 3: fitting both estimators", StringComparison.Ordinal));
            int ended = messages.FindIndex(m => m.StartsWith($"fold {f}: semi-supervised ", StringComparison.Ordinal));
            Assert.True(started >= 0 && ended > started, $"fold {f}: start at {started}, result at {ended}");
        }
    }

    [Fact]
    public void CompareLearningCurves_TokenCancelledBefore_ThrowsOperationCanceled()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var trainer = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        var options = new SemiSupervisedEvaluationOptions { CancellationToken = new CancellationToken(canceled: true) };

        Assert.ThrowsAny<OperationCanceledException>(() => ml.SemiSupervised.CompareLearningCurves(data, trainer, trainer, new[] { 0.5 }, options: options));
    }

    [Fact]
    public void CompareWithSupervised_ClassWithOneLabeledRow_Throws()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 1);
        var trainer = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.CompareWithSupervised(data, trainer, trainer));

        Assert.Equal("Label column 'Label' has a class with a single labeled row: cross-validation needs at least 2 labeled rows of every class.", e.Message);
    }

    /// <summary>A classifier on a constant feature: it can only learn the class frequencies.</summary>
    private static IEstimator<ITransformer> Blind(MLContext ml) =>
        ml.Transforms.CustomMapping((FloatLabelRow _, ConstantRow c) => c.Constant = new[] { 1f }, contractName: null)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Constant"));

    private sealed class ConstantRow
    {
        [VectorType(1)]
        public float[] Constant { get; set; } = Array.Empty<float>();
    }
}

using System.Collections.Concurrent;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.SelfTraining;

/// <summary>
/// Self-training as an ML.NET trainer: where it composes with ML.NET's trainers (TrainerInfo, OneVersusAll inside
/// self-training), where it refuses (self-training inside OneVersusAll), and how a pipeline reads its report.
/// </summary>
public sealed class SelfTrainingCompositionTests(ITestOutputHelper output)
{
    [Fact]
    public void Info_IsTheInnerTrainers()
    {
        var ml = new MLContext(1);

        var lbfgs = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var fastTree = ml.SemiSupervised.SelfTraining(() => ml.BinaryClassification.Trainers.FastTree());

        Assert.True(lbfgs.Info.NeedNormalization);
        Assert.False(fastTree.Info.NeedNormalization);
        Assert.Equal(ml.BinaryClassification.Trainers.FastTree().Info.WantCaching, fastTree.Info.WantCaching);
    }

    [Fact]
    public void OneVersusAll_SelfTrainingAsBinaryTrainer_ThrowsThatUnlabeledRowsBecameNegatives()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var oneVersusAll = ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()));

        var e = Assert.Throws<ArgumentException>(() => oneVersusAll.Fit(keyed));

        Assert.Equal("Self-training received label column 'Label' as Boolean, made from a Key<UInt32, 0-2> column of the same name in which 135 of 150 rows have a missing label: " +
            "the Boolean gave those unlabeled rows a label, so self-training would learn them as labeled. " +
            "A multiclass meta-trainer such as OneVersusAll makes them false: put the meta-trainer inside self-training instead, " +
            "mlContext.SemiSupervised.SelfTraining(mlContext.MulticlassClassification.Trainers.OneVersusAll(binaryTrainer)). " +
            "Otherwise give self-training the label with its missing values (Single with NaN, or a key).", e.Message);
    }

    [Fact]
    public void Fit_BooleanLabelConvertedFromNaN_Throws()
    {
        // ConvertType makes NaN true: every unlabeled row would be a labeled positive.
        var fold = AccuracyFold.Binary(CsvDataSet.Load("breast_cancer"), 0.05, seed: 1);
        var ml = fold.Ml;
        var converted = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Fit(fold.Train).Transform(fold.Train);

        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(converted));

        Assert.StartsWith("Self-training received label column 'Label' as Boolean, made from a Single column of the same name in which ", e.Message);
    }

    [Fact]
    public void OneVersusAll_ImputeMissingLabelsAsNegative_AlsoRefused()
    {
        // Asking for negatives leaves self-training no unlabeled row either (and ML.NET 5.0.1 makes them negatives
        // whatever the flag says: it builds a filter of the missing labels but maps the unfiltered rows).
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var oneVersusAll = ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()), imputeMissingLabelsAsNegative: true);

        var e = Assert.Throws<ArgumentException>(() => oneVersusAll.Fit(keyed));

        Assert.Contains("in which 135 of 150 rows have a missing label", e.Message);
    }

    [Fact]
    public void PairwiseCoupling_SelfTrainingAsBinaryTrainer_AlsoRefused()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var pairwise = ml.MulticlassClassification.Trainers.PairwiseCoupling(
            ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()));

        var e = Assert.Throws<ArgumentException>(() => pairwise.Fit(keyed));

        Assert.Contains("in which 135 of 150 rows have a missing label", e.Message);
    }

    [Fact]
    public void SelfTraining_OverOneVersusAll_PseudoLabelsAndMatchesTheSupervisedOneVersusAll()
    {
        var data = CsvDataSet.Load("wine");
        var supervised = new List<double>();
        var selfTrained = new List<double>();
        int pseudoLabeled = 0;
        for (int seed = 1; seed <= 3; seed++)
        {
            var (ml, train, test, truth, labeledKey) = AccuracyFold.Multiclass(data, 0.1, seed);
            var normalize = ml.Transforms.NormalizeMinMax("Features");
            var normalizer = normalize.Fit(train);
            supervised.Add(Accuracy.Of(normalizer.Append(ml.MulticlassClassification.Trainers.OneVersusAll(Lbfgs(ml))
                .Fit(normalizer.Transform(labeledKey))), test, truth));

            var result = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.OneVersusAll(Lbfgs(ml)))
                .FitWithReport(normalizer.Transform(train));
            Assert.IsType<MulticlassPredictionTransformer<OneVersusAllModelParameters>>(result.Model);
            selfTrained.Add(Accuracy.Of(normalizer.Append(result.Model), test, truth));
            pseudoLabeled += result.Report.PseudoLabeledCount;
        }

        output.WriteLine($"supervised OneVersusAll {string.Join(" ", supervised.Select(a => a.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} mean {supervised.Average():F4}");
        output.WriteLine($"self-training over OneVersusAll {string.Join(" ", selfTrained.Select(a => a.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} mean {selfTrained.Average():F4}, {pseudoLabeled} pseudo-labels");
        Assert.True(pseudoLabeled > 0);
        Assert.True(selfTrained.Average() >= supervised.Average(), $"self-training {selfTrained.Average():F4} < supervised {supervised.Average():F4}");
    }

    // Wine, 10 % labels: 12 or 13 labeled rows, too few for L-BFGS's default L2 of 1 (it predicts nearly one class).
    private static LbfgsLogisticRegressionBinaryTrainer Lbfgs(MLContext ml) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: 0, l2Regularization: 0.01f);

    [Fact]
    public void Fit_NoUnlabeledRows_WarnsThatItIsSupervised()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var labeledOnly = ml.Data.FilterRowsByMissingValues(data, "Label");
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Runtime.ChannelMessageKind.Warning && e.Message.StartsWith("[Source=SelfTraining;", StringComparison.Ordinal)) warnings.Add(e.Message); };

        var report = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).FitWithReport(labeledOnly).Report;

        Assert.Equal(SelfTrainingStopReason.NoUnlabeledRows, report.StopReason);
        var warning = Assert.Single(warnings);
        Assert.EndsWith("] Label column 'Label' has no unlabeled rows (no NaN or missing key), so self-training fits the inner trainer once, on the labeled rows: supervised training. " +
            "Inside a multiclass meta-trainer such as OneVersusAll the binary trainer never sees an unlabeled row; put the meta-trainer inside self-training instead.", warning);
    }

    [Fact]
    public void FitCompleted_ConcurrentFitsInPipelines_EachHandsOverItsOwnReport()
    {
        var ml = new MLContext(1);
        var (small, _, _) = IrisData.PartlyLabeled(ml, 5);
        var smaller = ml.Data.TakeRows(small, 120);
        var reports = new ConcurrentBag<SelfTrainingReport>();
        var options = new SelfTrainingOptions { FitCompleted = reports.Add, MaximumNumberOfIterations = 2 };
        var pipeline = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.SemiSupervised.SelfTraining(() => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options));

        Parallel.Invoke(() => pipeline.Fit(small), () => pipeline.Fit(smaller));

        Assert.Equal(new[] { 120, 150 }, reports.Select(r => r.LabeledIteration.Count).Order());
    }

    [Fact]
    public void Calibrator_FittedWhereSelfTrainingCalibratesAndOnlyThere()
    {
        var fold = AccuracyFold.Binary(CsvDataSet.Load("breast_cancer"), 0.05, seed: 1);
        var ml = fold.Ml;
        var forPerceptron = new CountingCalibrator(ml.BinaryClassification.Calibrators.Isotonic());
        var forLogistic = new CountingCalibrator(ml.BinaryClassification.Calibrators.Isotonic());

        var perceptron = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.AveragedPerceptron(),
            new SelfTrainingOptions { Calibrator = forPerceptron }).FitWithReport(fold.Train).Report;
        var logistic = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            new SelfTrainingOptions { Calibrator = forLogistic }).FitWithReport(fold.Train).Report;

        Assert.True(perceptron.Calibrated);
        Assert.Equal(perceptron.NumberOfIterations, forPerceptron.Fits);
        Assert.False(logistic.Calibrated);
        Assert.Equal(0, forLogistic.Fits);
    }

    [Fact]
    public void Create_CalibratorWithMulticlassTrainer_Throws()
    {
        var ml = new MLContext(1);
        var options = new SelfTrainingOptions { Calibrator = ml.BinaryClassification.Calibrators.Platt() };

        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options));

        Assert.Equal("Invalid self-training options: Calibrator must be null with a multiclass inner trainer, whose Score is its confidence; got PlattCalibratorEstimator.", e.Message);
    }

    private sealed class CountingCalibrator(IEstimator<ISingleFeaturePredictionTransformer<ICalibrator>> inner) : IEstimator<ISingleFeaturePredictionTransformer<ICalibrator>>
    {
        private int _fits;

        public int Fits => _fits;

        public ISingleFeaturePredictionTransformer<ICalibrator> Fit(IDataView input)
        {
            Interlocked.Increment(ref _fits);
            return inner.Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
    }
}

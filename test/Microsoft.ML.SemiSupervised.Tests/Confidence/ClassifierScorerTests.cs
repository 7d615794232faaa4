using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Confidence;

/// <summary>How the confidence of each kind of inner trainer is read, through self-training.</summary>
public sealed class ClassifierScorerTests
{
    [Fact]
    public void NaiveBayes_LogLikelihoods_BecomeProbabilitiesThroughSoftmax()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var options = new SelfTrainingOptions { Selection = new KBestSelection(20), MaximumNumberOfIterations = 2 };

        var report = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.NaiveBayes(), options).FitWithReport(data).Report;

        Assert.Equal(40, report.PseudoLabeledCount);
        Assert.All(report.Iterations, i => Assert.InRange(i.MeanConfidence, 1.0 / 3, 1.0));
    }

    [Fact]
    public void OneVersusAllWithRawScores_IsRefusedWithTheFix()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var trainer = ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.AveragedPerceptron(), useProbabilities: false);

        var e = Assert.Throws<InvalidOperationException>(() => ml.SemiSupervised.SelfTraining(trainer).Fit(data));

        Assert.StartsWith("The inner multiclass trainer's Score is not a probability distribution (found ", e.Message);
        Assert.EndsWith("so its confidence cannot be compared with a threshold or ranked across classes. " +
            "Use a trainer whose scores are probabilities (LbfgsMaximumEntropy, SdcaMaximumEntropy, LightGbm, OneVersusAll with a calibrated binary trainer).", e.Message);
    }

    [Fact]
    public void OneVersusAllWithProbabilities_SelfTrains()
    {
        var ml = new MLContext(1);
        var (data, classes, _) = IrisData.PartlyLabeled(ml, 5);
        var trainer = ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());

        var result = ml.SemiSupervised.SelfTraining(trainer, new SelfTrainingOptions { Selection = new ClassBalancedSelection() }).FitWithReport(data);

        Assert.All(result.Report.Iterations.Where(i => i.Added > 0), i => Assert.InRange(i.MeanConfidence, 0.75, 1.0));
        Assert.True(Accuracy.Of(result.Model, data, classes) > 0.8);
    }

    [Fact]
    public void UncalibratedBinary_IsCalibratedOutOfFold_AndReportsIt()
    {
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("breast_cancer");
        var split = SemiSupervisedSplit.Create(data, 0.1, 1);
        var train = ml.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(ml, data, split)).Transform(DataViews.Train(ml, data, split));

        var linearSvm = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LinearSvm()).FitWithReport(train).Report;
        var logistic = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).FitWithReport(train).Report;

        Assert.True(linearSvm.Calibrated);
        Assert.False(logistic.Calibrated);
        Assert.All(linearSvm.Iterations.Where(i => i.Added > 0), i => Assert.InRange(i.MeanConfidence, 0.75, 1.0));
    }

    [Fact]
    public void Predict_LargePool_ScoresInParallelPartsInRowOrder()
    {
        // 20000 rows: scored in parts on every core; the result must be the one-cursor result, row for row.
        var ml = new MLContext(1);
        var random = new Random(7);
        var rows = Enumerable.Range(0, 20_000).Select(i => new FloatLabelRow
        {
            Features = new[] { (float)random.NextDouble(), (float)random.NextDouble() },
            Label = i % 3,
        }).ToList();
        var view = DataViews.Load(ml, rows, 2);
        var table = LabeledTable.Load(view, "Features", "Label", null, LabelTask.Multiclass);
        var classes = table.Labels.Classes;
        var store = new TrainingRowStore<ITransformer>(TrainerSource<ITransformer>.Of(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()), table.Features, classes,
            TrainingLabelColumn.Create("Label", LabelTask.Multiclass, table.Labels.Catalog, classes, view.Schema["Label"].Annotations), CancellationToken.None);
        var model = store.Refit(Enumerable.Range(0, 300).ToArray());
        var all = Enumerable.Range(0, rows.Count).Reverse().ToArray();

        var parallel = ClassifierScorer.For(LabelTask.Multiclass, ml, "Label").Predict(model, all, store);
        var sequential = model.Transform(store.FeatureView(all)).GetColumn<VBuffer<float>>("Score")
            .Select(s => { var v = s.DenseValues().ToArray(); int c = Array.IndexOf(v, v.Max()); return new ClassPrediction(c, v[c]); }).ToArray();

        Assert.Equal(sequential, parallel);
    }
}

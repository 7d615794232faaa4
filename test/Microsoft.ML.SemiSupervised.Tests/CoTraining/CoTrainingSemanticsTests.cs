using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>What co-training does, stated as behaviour: rounds, counts, stop reasons, seeds, report and log.</summary>
public sealed class CoTrainingSemanticsTests
{
    private static CoTrainingEstimator Iris(MLContext ml, CoTrainingOptions options) => ml.SemiSupervised.CoTraining(
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options);

    [Fact]
    public void Fit_CountPerClass_EachViewLabelsExactlyThatManyRowsOfEachClassPerRound()
    {
        var ml = new MLContext(1);
        var (data, _, labeled) = IrisData.PartlyLabeled(ml, 5);
        var estimator = Iris(ml, new CoTrainingOptions { Selection = new CountPerClassSelection([2, 1, 3]), MaximumNumberOfIterations = 4, FirstViewSlots = [0, 2], Seed = 1 });
        var report = estimator.Fit(data).Report;

        Assert.Equal(4, report.NumberOfIterations);
        Assert.Equal(CoTrainingStopReason.MaximumIterationsReached, report.StopReason);
        foreach (var round in report.Iterations)
        {
            Assert.Equal([2, 1, 3], round.AddedPerViewAndClass[0]);
            Assert.Equal([2, 1, 3], round.AddedPerViewAndClass[1]);
            Assert.InRange(round.AgreementRate, 0, 1);
        }
        Assert.Equal(15 + 4 * 12, report.Iterations[^1].LabeledCount);
        Assert.Equal(4 * 12, report.PseudoLabeledCount);
        Assert.Equal(15, report.OriginallyLabeledCount);
        for (int r = 0; r < labeled.Length; r++)
            Assert.Equal(labeled[r], report.LabeledIteration[r] == 0);
        Assert.Equal([0, 2], report.FirstViewSlots!);
        Assert.Equal([1, 3], report.SecondViewSlots!);
    }

    [Fact]
    public void Fit_ZeroRounds_IsTheTwoViewModelsOnTheLabeledRowsCombined()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var estimator = Iris(ml, new CoTrainingOptions { MaximumNumberOfIterations = 0, FirstViewSlots = [0, 1], Combination = CoTrainingCombination.Mean });
        var result = estimator.Fit(data);
        Assert.Equal(0, result.Report.NumberOfIterations);
        Assert.Equal(0, result.Report.PseudoLabeledCount);

        // The same two models fitted by hand on the labeled rows of each half: the model's Score is their mean.
        var labeledOnly = ml.Data.FilterRowsByMissingValues(data, "Label");
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(labeledOnly).Transform(labeledOnly);
        float[] HalfScores(int[] slots, IDataView view)
        {
            var select = EnsembleModel.SlotSelection(ml, "Features", "Features", 4, slots);
            var model = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy().Fit(select.Transform(keyed));
            return IrisData.Scores(model, select.Transform(view));
        }
        var first = HalfScores([0, 1], data);
        var second = HalfScores([2, 3], data);
        var combined = IrisData.Scores(result, data);
        for (int i = 0; i < combined.Length; i++)
            Assert.Equal((first[i] + second[i]) / 2, combined[i], 5);
    }

    [Fact]
    public void Fit_SameSeed_SameModel_OtherSeed_OtherSplit()
    {
        var (data, _, _) = IrisData.PartlyLabeled(new MLContext(1), 3);
        CoTrainingTransformer Run(int seed)
        {
            var ml = new MLContext(seed);
            return Iris(ml, new CoTrainingOptions { MaximumNumberOfIterations = 5 }).Fit(data);
        }
        var a = Run(7);
        var b = Run(7);
        var c = Run(8);
        Assert.Equal(a.Report.FirstViewSlots, b.Report.FirstViewSlots);
        Assert.Equal(a.Report.AssignedClass, b.Report.AssignedClass);
        Assert.Equal(IrisData.Scores(a, data), IrisData.Scores(b, data));
        Assert.NotEqual(a.Report.LabeledIteration, c.Report.LabeledIteration);
    }

    [Fact]
    public void Fit_NoUnlabeledRows_StopsAtOnce()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 50);
        var report = Iris(ml, new CoTrainingOptions()).Fit(data).Report;
        Assert.Equal(CoTrainingStopReason.NoUnlabeledRows, report.StopReason);
        Assert.Equal(0, report.NumberOfIterations);
    }

    [Fact]
    public void Fit_ThresholdNothingPasses_StopsWithNoChange()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 2);
        var options = new CoTrainingOptions { Selection = new ConfidenceThresholdSelection(1), Seed = 1 };
        var report = Iris(ml, options).Fit(data).Report;
        Assert.Equal(CoTrainingStopReason.NoChange, report.StopReason);
        Assert.Equal(1, report.NumberOfIterations);
        Assert.Equal(0, report.Iterations[0].Added);
    }

    [Fact]
    public void Fit_Threshold_LabelsOnlyRowsAtOrAboveIt()
    {
        var ml = new MLContext(1);
        var (data, classes, _) = IrisData.PartlyLabeled(ml, 5);
        var options = new CoTrainingOptions { Selection = new ConfidenceThresholdSelection(0.8), Seed = 1, MaximumNumberOfIterations = 3 };
        var report = Iris(ml, options).Fit(data).Report;
        Assert.True(report.PseudoLabeledCount > 0);
        var correct = Enumerable.Range(0, classes.Length).Where(r => report.LabeledIteration[r] > 0).Count(r => report.AssignedClass[r] == classes[r]);
        Assert.True(correct >= 0.85 * report.PseudoLabeledCount, $"{correct} of {report.PseudoLabeledCount} pseudo-labels right");
    }

    [Fact]
    public void Fit_ProgressReachesTheLogAndTheCallback()
    {
        var ml = new MLContext(1);
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            lock (messages)
                messages.Add(e.Message);
        };
        var rounds = new List<CoTrainingIteration>();
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        Iris(ml, new CoTrainingOptions { MaximumNumberOfIterations = 2, IterationCompleted = rounds.Add }).Fit(data);
        Assert.Equal([1, 2], rounds.Select(r => r.Iteration));
        Assert.Contains(messages, m => m.Contains("Co-training on 15 labeled rows and 135 unlabeled rows, pool of 75."));
        Assert.Contains(messages, m => m.Contains("round 2: added 6 (view 1 [1, 1, 1], view 2 [1, 1, 1])"));
        Assert.Contains(messages, m => m.Contains("co-training: 2 round(s), stopped: MaximumIterationsReached; 15 labeled rows, 12 labeled by co-training, 123 left unlabeled"));
    }

    [Fact]
    public void Fit_InputIsUnchanged_AndTextLabelsWorkThroughMapValueToKey()
    {
        var ml = new MLContext(1);
        var iris = CsvDataSet.Load("iris");
        var names = new[] { "setosa", "versicolor", "virginica" };
        var rows = iris.Features.Select((f, i) => new TextLabelRow { Features = f, Label = i % 10 == 0 ? names[iris.Labels[i]] : "" }).ToList();
        var data = DataViews.Load(ml, rows, 4);
        var before = data.GetColumn<string>("Label").ToArray();
        var refused = Assert.Throws<ArgumentException>(() => Iris(ml, new CoTrainingOptions { MaximumNumberOfIterations = 3, Seed = 2 }).Fit(data));
        Assert.Contains("Add mlContext.Transforms.Conversion.MapValueToKey(\"Label\") before this estimator", refused.Message);
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(Iris(ml, new CoTrainingOptions { MaximumNumberOfIterations = 3, Seed = 2 })).Fit(data);
        Assert.Equal(before, data.GetColumn<string>("Label").ToArray());

        var scored = model.Transform(data);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        scored.Schema["PredictedLabel"].GetKeyValues(ref keyValues);
        Assert.Equal(names, keyValues.DenseValues().Select(v => v.ToString()));
        var predicted = scored.GetColumn<uint>("PredictedLabel").Select(k => names[k - 1]).ToArray();
        Assert.True(predicted.Where((p, i) => p == names[iris.Labels[i]]).Count() > 0.8 * predicted.Length);
    }
    [Fact]
    public void Fit_KeyLabelInAPipeline_PredictsTheSameKeyType()
    {
        var ml = new MLContext(1);
        var (data, classes, _) = IrisData.PartlyLabeled(ml, 5);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label");
        var model = toKey.Append(Iris(ml, new CoTrainingOptions { MaximumNumberOfIterations = 3, Seed = 1 })).Fit(data);
        var scored = model.Transform(data);

        var label = scored.Schema["Label"];
        var predicted = scored.Schema["PredictedLabel"];
        Assert.Equal(label.Type, predicted.Type);
        VBuffer<float> labelKeys = default, predictedKeys = default;
        label.GetKeyValues(ref labelKeys);
        predicted.GetKeyValues(ref predictedKeys);
        Assert.Equal(labelKeys.DenseValues(), predictedKeys.DenseValues());
        var evaluated = ml.MulticlassClassification.Evaluate(ml.Data.FilterRowsByMissingValues(scored, "Label"));
        Assert.InRange(evaluated.MicroAccuracy, 0.8, 1);
        Assert.True(Accuracy.Of(model, data, classes) > 0.8);
    }
}

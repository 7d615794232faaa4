using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.TriTraining;

/// <summary>
/// The fitted tri-training model behaves like an ML.NET classifier: output columns, evaluators, save and load in a
/// fresh context alone and inside a pipeline, GetOutputSchema; PredictedLabel is the majority vote.
/// </summary>
public sealed class TriTrainingModelTests
{
    [Fact]
    public void SaveLoad_BinaryInsidePipeline_IdenticalPredictionsAndEvaluates()
    {
        var data = CsvDataSet.Load("breast_cancer");
        var split = SemiSupervisedSplit.Create(data, 0.1, seed: 4);
        var ml = new MLContext(4);
        var train = DataViews.Train(ml, data, split);
        var test = DataViews.Test(ml, data, split);
        // AveragedPerceptron gives no probability: each member is calibrated inside the model.
        var estimator = ml.SemiSupervised.TriTraining(ml.BinaryClassification.Trainers.AveragedPerceptron(), new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 3 });
        var model = ml.Transforms.NormalizeMinMax("Features").Append(estimator).Fit(train);
        Assert.True(model.LastTransformer.Report.Calibrated);

        var scored = model.Transform(test);
        Assert.Equal(test.Schema.Select(c => c.Name).Concat(["Score", "Probability", "PredictedLabel"]).Order(), scored.Schema.Where(c => !c.IsHidden).Select(c => c.Name).Order());
        EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "Probability", "PredictedLabel", "Features");
        var metrics = ml.BinaryClassification.Evaluate(ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Fit(scored).Transform(scored));
        Assert.InRange(metrics.Accuracy, 0.85, 1);
        Assert.Equal(Accuracy.Of(model, test, split.TestRows.Select(r => data.Labels[r]).ToArray()), metrics.Accuracy, 6);
    }

    [Fact]
    public void SaveLoad_Multiclass_IdenticalPredictionsSchemaAndEvaluates()
    {
        var data = CsvDataSet.Load("digits");
        var split = SemiSupervisedSplit.Create(data, 0.05, seed: 1);
        var ml = new MLContext(1);
        var train = DataViews.Train(ml, data, split);
        var test = DataViews.Test(ml, data, split);
        var estimator = ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2 });
        var model = estimator.Fit(train);

        EstimatorConformance.OutputSchemaMatches(estimator, model, train);
        EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "PredictedLabel");
        var scored = model.Transform(test);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(train).Transform(scored);
        var metrics = ml.MulticlassClassification.Evaluate(keyed);
        Assert.Equal(Accuracy.Of(model, test, split.TestRows.Select(r => data.Labels[r]).ToArray()), metrics.MicroAccuracy, 6);
        Assert.True(metrics.LogLoss < 2, $"log-loss {metrics.LogLoss}");
    }

    [Fact]
    public void Fit_ThreeDifferentTrainers_LoadedModelServesAPredictionEngine()
    {
        var data = CsvDataSet.Load("breast_cancer");
        var split = SemiSupervisedSplit.Create(data, 0.1, seed: 5);
        var ml = new MLContext(5);
        var train = DataViews.Train(ml, data, split);
        var test = DataViews.Test(ml, data, split);
        var trainers = ml.BinaryClassification.Trainers;
        var estimator = ml.SemiSupervised.TriTraining(trainers.FastTree(minimumExampleCountPerLeaf: 2), trainers.SdcaLogisticRegression(), trainers.LbfgsLogisticRegression(),
            new TriTrainingOptions { Seed = 2, MaximumNumberOfIterations = 2 });
        var model = ml.Transforms.NormalizeMinMax("Features").Append(estimator).Fit(train);
        Assert.False(model.LastTransformer.Report.Calibrated);
        var loaded = EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "Probability", "PredictedLabel");

        var schema = SchemaDefinition.Create(typeof(FloatLabelRow));
        schema[nameof(FloatLabelRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 30);
        var engine = new MLContext(9).Model.CreatePredictionEngine<FloatLabelRow, Prediction>(loaded, inputSchemaDefinition: schema);
        var features = test.GetColumn<float[]>("Features").ToArray();
        var expected = model.Transform(test).GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < 20; i++)
            Assert.Equal(expected[i], engine.Predict(new FloatLabelRow { Features = features[i] }).PredictedLabel);
    }

    /// <summary>The output a prediction engine user declares for a binary classifier.</summary>
    public sealed class Prediction
    {
        /// <summary>The predicted class.</summary>
        public bool PredictedLabel { get; set; }

        /// <summary>The probability of the positive class.</summary>
        public float Probability { get; set; }
    }

    [Fact]
    public void Vote_TwoAgainstOne_FollowsTheMajorityWithTheMajoritysMeanProbability()
    {
        var output = new EnsembleRows.BinaryOutput();
        TriTrainingCombiners.BinaryVote(new EnsembleRows.BinaryTriple { First = 0.55f, Second = 0.65f, Third = 0.01f }, output);
        Assert.True(output.PredictedLabel);
        Assert.Equal(0.6, output.Probability, 5);
        Assert.True(output.Score > 0);

        var multiclass = new EnsembleRows.MulticlassOutput();
        TriTrainingCombiners.MulticlassVote(new EnsembleRows.VectorTriple { First = [0.4f, 0.6f, 0f], Second = [0.3f, 0.7f, 0f], Third = [1f, 0f, 0f] }, multiclass);
        Assert.Equal(2u, multiclass.Class);
        Assert.Equal(0.35f, multiclass.Distribution[0], 5);
        Assert.Equal(0.65f, multiclass.Distribution[1], 5);
        Assert.All(multiclass.Distribution.Skip(2), v => Assert.Equal(0f, v));
        TriTrainingCombiners.MulticlassVote(new EnsembleRows.VectorTriple { First = [0.5f, 0.3f, 0.2f], Second = [0.1f, 0.6f, 0.3f], Third = [0.3f, 0.1f, 0.6f] }, multiclass);
        Assert.Equal(3u, multiclass.Class);
    }
}

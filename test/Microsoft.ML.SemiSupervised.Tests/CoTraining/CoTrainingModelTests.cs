using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>
/// The fitted co-training model behaves like an ML.NET classifier: its output columns, the evaluators, a prediction
/// engine, save and load in a fresh context (alone and inside a pipeline), and GetOutputSchema.
/// </summary>
public sealed class CoTrainingModelTests
{
    private static (MLContext Ml, IDataView Train, IDataView Test, int[] Truth) BreastCancer()
    {
        var data = CsvDataSet.Load("breast_cancer");
        var split = SemiSupervisedSplit.Create(data, 0.1, seed: 3);
        var ml = new MLContext(3);
        return (ml, DataViews.Train(ml, data, split), DataViews.Test(ml, data, split), split.TestRows.Select(r => data.Labels[r]).ToArray());
    }

    private static CoTrainingEstimator BinarySplit(MLContext ml, CoTrainingCombination combination = CoTrainingCombination.Product) =>
        ml.SemiSupervised.CoTraining(ml.BinaryClassification.Trainers.SdcaLogisticRegression(), ml.BinaryClassification.Trainers.AveragedPerceptron(),
            new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 5, Combination = combination });

    [Fact]
    public void Fit_BinarySplitView_HasBinaryClassifierColumnsAndEvaluates()
    {
        var (ml, train, test, truth) = BreastCancer();
        var normalize = ml.Transforms.NormalizeMinMax("Features");
        var model = normalize.Append(BinarySplit(ml)).Fit(train);
        var scored = model.Transform(test);

        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Probability"].Type);
        Assert.Equal(test.Schema.Select(c => c.Name).Concat(["Score", "Probability", "PredictedLabel"]).Order(), scored.Schema.Where(c => !c.IsHidden).Select(c => c.Name).Order());
        var labeled = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean).Fit(scored).Transform(scored);
        var metrics = ml.BinaryClassification.Evaluate(labeled);
        Assert.InRange(metrics.Accuracy, 0.85, 1);
        Assert.Equal(Accuracy.Of(model, test, truth), metrics.Accuracy, 6);
        Assert.InRange(metrics.AreaUnderRocCurve, 0.9, 1);
    }

    [Fact]
    public void Fit_Binary_PredictedLabelFollowsProbabilityAndScore()
    {
        var (ml, train, test, _) = BreastCancer();
        foreach (var combination in new[] { CoTrainingCombination.Product, CoTrainingCombination.Mean })
        {
            var scored = ml.Transforms.NormalizeMinMax("Features").Append(BinarySplit(ml, combination)).Fit(train).Transform(test);
            var probability = scored.GetColumn<float>("Probability").ToArray();
            var score = scored.GetColumn<float>("Score").ToArray();
            var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
            for (int i = 0; i < predicted.Length; i++)
            {
                Assert.Equal(probability[i] >= 0.5f, predicted[i]);
                Assert.Equal(score[i] >= 0, predicted[i]);
                Assert.InRange(probability[i], 0f, 1f);
            }
        }
    }

    [Fact]
    public void SaveLoad_BinaryInsidePipeline_IdenticalPredictionsAndPredictionEngine()
    {
        var (ml, train, test, _) = BreastCancer();
        var model = ml.Transforms.NormalizeMinMax("Features").Append(BinarySplit(ml)).Fit(train);
        var loaded = EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "Probability", "PredictedLabel", "Features");

        var engine = new MLContext(5).Model.CreatePredictionEngine<FloatLabelRow, BinaryPrediction>(loaded, inputSchemaDefinition: Definition(30));
        var row = new FloatLabelRow { Features = test.GetColumn<float[]>("Features").First() };
        var prediction = engine.Predict(row);
        Assert.Equal(model.Transform(test).GetColumn<bool>("PredictedLabel").First(), prediction.PredictedLabel);
        Assert.Equal(model.Transform(test).GetColumn<float>("Probability").First(), prediction.Probability);
    }

    [Fact]
    public void SaveLoad_MulticlassTwoViewColumns_IdenticalPredictionsAndEvaluates()
    {
        var data = CsvDataSet.Load("digits");
        var split = SemiSupervisedSplit.Create(data, 0.05, seed: 2);
        var ml = new MLContext(2);
        var train = CoTrainingData.TwoViewTrain(ml, data, split);
        var test = CoTrainingData.TwoViewTest(ml, data, split);
        var estimator = ml.SemiSupervised.CoTraining(
            ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Top"),
            ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Bottom"),
            new CoTrainingOptions { FeatureColumnName = "Top", SecondViewColumnName = "Bottom", MaximumNumberOfIterations = 3, Seed = 1 });
        var model = estimator.Fit(train);
        var scored = model.Transform(test);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 10), scored.Schema["Score"].Type);
        Assert.Equal(10ul, ((KeyDataViewType)scored.Schema["PredictedLabel"].Type).Count);
        Assert.Equal(test.Schema.Select(c => c.Name).Concat(["Score", "PredictedLabel"]).Order(), scored.Schema.Where(c => !c.IsHidden).Select(c => c.Name).Order());
        EstimatorConformance.OutputSchemaMatches(estimator, model, train);
        EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "PredictedLabel");
        // Class values in ascending order, as the model numbers them (a label mapped by occurrence would number them otherwise).
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(train).Transform(scored);
        var metrics = ml.MulticlassClassification.Evaluate(keyed);
        Assert.Equal(Accuracy.Of(model, test, split.TestRows.Select(r => data.Labels[r]).ToArray()), metrics.MicroAccuracy, 6);
        Assert.InRange(metrics.MicroAccuracy, 0.6, 1);
    }

    [Fact]
    public void GetOutputSchema_BinarySplit_MatchesTheModel()
    {
        var (ml, train, _, _) = BreastCancer();
        var estimator = BinarySplit(ml);
        EstimatorConformance.OutputSchemaMatches(estimator, estimator.Fit(train), train);
    }

    private static SchemaDefinition Definition(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FloatLabelRow));
        schema[nameof(FloatLabelRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    /// <summary>The output of a binary classifier, as a prediction engine user declares it.</summary>
    public sealed class BinaryPrediction
    {
        /// <summary>The predicted class.</summary>
        public bool PredictedLabel { get; set; }

        /// <summary>The raw score.</summary>
        public float Score { get; set; }

        /// <summary>The probability of the positive class.</summary>
        public float Probability { get; set; }
    }
}

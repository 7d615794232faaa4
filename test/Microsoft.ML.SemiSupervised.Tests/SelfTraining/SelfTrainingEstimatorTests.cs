using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.SelfTraining;

/// <summary>The estimator's contract with ML.NET: schema, persistence, pipelines, the input left alone.</summary>
public sealed class SelfTrainingEstimatorTests
{
    [Fact]
    public void SaveLoad_BinaryModelAlone_IdenticalPredictionsInFreshContext()
    {
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("breast_cancer");
        var split = SemiSupervisedSplit.Create(data, 0.1, 1);
        var train = DataViews.Train(ml, data, split);
        var model = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LightGbm(minimumExampleCountPerLeaf: 2)).Fit(train);

        var loaded = EstimatorConformance.SaveLoadIdentical(ml, model, DataViews.Test(ml, data, split), "Score", "Probability", "PredictedLabel");

        Assert.IsType<BinaryPredictionTransformer<Calibrators.CalibratedModelParametersBase<Trainers.LightGbm.LightGbmBinaryModelParameters, Calibrators.PlattCalibrator>>>(loaded);
    }

    [Fact]
    public void SaveLoad_MulticlassInsidePipeline_IdenticalPredictionsInFreshContext()
    {
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("digits");
        var split = SemiSupervisedSplit.Create(data, 0.05, 1);
        var pipeline = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedValue", "PredictedLabel"));
        var model = pipeline.Fit(DataViews.Train(ml, data, split));
        var test = DataViews.Test(ml, data, split);

        EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "PredictedLabel");
        var predictedValues = model.Transform(test).GetColumn<float>("PredictedValue").ToArray();
        Assert.Equal(Accuracy.PredictedClasses(model, test).Select(c => (float)c), predictedValues);
    }

    [Fact]
    public void GetOutputSchema_BinaryWithSingleLabel_MatchesTransformedSchema()
    {
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("breast_cancer");
        var train = DataViews.Train(ml, data, SemiSupervisedSplit.Create(data, 0.1, 1));
        var estimator = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.AveragedPerceptron());

        EstimatorConformance.OutputSchemaMatches(estimator, estimator.Fit(train), train);
    }

    [Fact]
    public void GetOutputSchema_MulticlassWithTextLabel_ThrowsBeforeFit()
    {
        // ML.NET's multiclass evaluator refuses a text label, and keying it is the user's choice of class order.
        var ml = new MLContext(1);
        var (iris, _, _) = IrisData.PartlyLabeled(ml, 5);
        var data = TextLabels(ml, iris);
        var estimator = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var e = Assert.Throws<ArgumentException>(() => estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)));

        Assert.StartsWith("Schema mismatch for label column 'Label': multiclass self-training needs a key label", e.Message);
    }

    [Fact]
    public void GetOutputSchema_MulticlassWithKeyLabelInPipeline_MatchesTransformedSchema()
    {
        // EstimatorChain.Fit asks every estimator for its output schema first: a key label arrives as a
        // shape whose item type is the key's raw type.
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label");
        var keyed = toKey.Fit(data).Transform(data);
        var estimator = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { Selection = new ClassBalancedSelection() });

        var model = toKey.Append(estimator).Fit(data);

        EstimatorConformance.OutputSchemaMatches(estimator, model.LastTransformer, keyed);
    }

    [Fact]
    public void GetOutputSchema_MissingLabel_ThrowsBeforeFit()
    {
        var ml = new MLContext(1);
        var schema = EstimatorConformance.ShapeOf(ml.Data.LoadFromEnumerable(new[] { new FeaturesOnlyRow() }).Schema);
        var estimator = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(schema));
        Assert.StartsWith("Could not find label column 'Label'.", e.Message);
    }

    [Fact]
    public void Fit_InputData_IsNotChanged()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var before = EstimatorConformance.Values(data, "Label");

        ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Fit(data);

        Assert.Equal(before, EstimatorConformance.Values(data, "Label"));
        Assert.Equal(150, before.Length);
        Assert.Equal(135, before.Count(v => v == "NaN"));
    }

    [Fact]
    public void Fit_TextLabelThroughMapValueToKey_PredictsTheLabelsOwnValues()
    {
        var ml = new MLContext(1);
        var (iris, classes, _) = IrisData.PartlyLabeled(ml, 5);
        var text = TextLabels(ml, iris);
        var data = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(text).Transform(text);

        var options = new SelfTrainingOptions { Selection = new ClassBalancedSelection() };
        var result = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options).FitWithReport(data);
        var predicted = ml.Transforms.Conversion.MapKeyToValue("PredictedText", "PredictedLabel").Fit(result.Model.Transform(data))
            .Transform(result.Model.Transform(data)).GetColumn<ReadOnlyMemory<char>>("PredictedText").Select(t => t.ToString()).ToArray();

        Assert.Equal(new[] { "class-0", "class-1", "class-2" }, result.Report.ClassNames);
        double accuracy = predicted.Where((p, i) => p == "class-" + classes[i]).Count() / 150.0;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    [Fact]
    public void Fit_KeyLabelWithMissingKeys_KeepsTheUsersKeyValues()
    {
        var ml = new MLContext(1);
        var (iris, classes, _) = IrisData.PartlyLabeled(ml, 5);
        // Text labels with empty text for the unlabeled rows; MapValueToKey turns empty text into the missing key.
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(TextLabels(ml, iris)).Transform(TextLabels(ml, iris));
        Assert.Equal(135, keyed.GetColumn<uint>("Label").Count(k => k == 0));

        var options = new SelfTrainingOptions { Selection = new ClassBalancedSelection() };
        var model = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options).Fit(keyed);
        var scored = model.Transform(keyed);

        VBuffer<ReadOnlyMemory<char>> inputKeys = default, outputKeys = default;
        keyed.Schema["Label"].GetKeyValues(ref inputKeys);
        scored.Schema["PredictedLabel"].GetKeyValues(ref outputKeys);
        Assert.Equal(inputKeys.DenseValues().Select(v => v.ToString()), outputKeys.DenseValues().Select(v => v.ToString()));
        var names = inputKeys.DenseValues().Select(v => v.ToString()).ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").Select(k => names[k - 1]).ToArray();
        Assert.True(predicted.Where((p, i) => p == "class-" + classes[i]).Count() > 135);
    }

    [Fact]
    public void Fit_BooleanLabel_TrainsWithoutUnlabeledRows()
    {
        var ml = new MLContext(1);
        var data = CsvDataSet.Load("breast_cancer");
        var view = ml.Data.LoadFromEnumerable(data.Features.Select((f, i) => new BooleanLabelRow { Label = data.Labels[i] == 1, Features = f }).ToList(),
            SchemaWithDimension<BooleanLabelRow>(data.Dimension));

        var result = ml.SemiSupervised.SelfTraining(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).FitWithReport(view);

        Assert.Equal(SelfTrainingStopReason.NoUnlabeledRows, result.Report.StopReason);
        Assert.Equal(new[] { "False", "True" }, result.Report.ClassNames);
    }

    [Fact]
    public void Fit_ExampleWeights_ReachTheInnerTrainer()
    {
        // Weight 1 for every row must give the unweighted model; a small pseudo-label weight must change it.
        // Both runs pseudo-label the same rows: the one iteration's selection comes from the labeled rows only. Threshold
        // 0.75 without balance or hold-out, so that the iteration adds rows and all labeled rows are in every fit.
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var withWeight = ml.Transforms.CustomMapping((FloatLabelRow _, WeightRow w) => w.Weight = 1f, contractName: null).Fit(data).Transform(data);
        float[] Scores(float pseudoLabelWeight)
        {
            var options = new SelfTrainingOptions { ExampleWeightColumnName = "Weight", PseudoLabelWeight = pseudoLabelWeight, MaximumNumberOfIterations = 1, Selection = new ConfidenceThresholdSelection(0.75), HoldOutFraction = 0 };
            var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(exampleWeightColumnName: "Weight");
            return IrisData.Scores(ml.SemiSupervised.SelfTraining(trainer, options).Fit(withWeight), data);
        }
        var unweighted = IrisData.Scores(ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions { MaximumNumberOfIterations = 1, Selection = new ConfidenceThresholdSelection(0.75), HoldOutFraction = 0 }).Fit(data), data);

        double Distance(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();
        Assert.True(Distance(Scores(1f), unweighted) < 1e-2, $"weight 1 vs unweighted: {Distance(Scores(1f), unweighted)}");
        Assert.True(Distance(Scores(0.01f), unweighted) > 1, $"weight 0.01 vs unweighted: {Distance(Scores(0.01f), unweighted)}");
    }

    [Fact]
    public void Catalog_MethodForOlderCSharp_IsTheSameCatalog()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var viaMethod = ml.GetSemiSupervisedCatalog().SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Fit(data);
        var viaProperty = ml.SemiSupervised.SelfTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Fit(data);

        Assert.Equal(IrisData.Scores(viaProperty, data), IrisData.Scores(viaMethod, data));
    }

    [Fact]
    public void Options_Defaults_AreDocumentedValues()
    {
        var options = new SelfTrainingOptions();
        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal("Features", options.FeatureColumnName);
        Assert.Null(options.ExampleWeightColumnName);
        var balanced = Assert.IsType<ClassBalancedSelection>(options.Selection);
        Assert.Equal(0.9, Assert.IsType<ConfidenceThresholdSelection>(balanced.Inner).Threshold);
        Assert.Equal(10, options.MaximumNumberOfIterations);
        Assert.Equal(1f, options.PseudoLabelWeight);
        Assert.Equal(0.25, options.HoldOutFraction);
        Assert.Equal(0, options.HoldOutTolerance);
        Assert.Null(options.Seed);
        Assert.False(options.CheckDistributionShift);
        Assert.Null(options.IterationCompleted);
    }

    private static IDataView TextLabels(MLContext ml, IDataView data)
    {
        var rows = ml.Data.CreateEnumerable<FloatLabelRow>(data, reuseRowObject: false)
            .Select(r => new TextLabelRow { Label = float.IsNaN(r.Label) ? "" : "class-" + r.Label, Features = r.Features });
        return DataViews.Load(ml, rows, 4);
    }

    private static SchemaDefinition SchemaWithDimension<T>(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    private sealed class BooleanLabelRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = Array.Empty<float>();
    }

    private sealed class FeaturesOnlyRow
    {
        [VectorType(1)]
        public float[] Features { get; set; } = { 1f };
    }

    private sealed class WeightRow
    {
        public float Weight { get; set; }
    }
}

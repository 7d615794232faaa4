using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>The checks every estimator of the library passes (<see cref="EstimatorConformance"/>), for both graph estimators.</summary>
public sealed class LabelPropagationConformanceTests
{
    public static TheoryData<bool, bool> Variants => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Estimator_Conformance_SchemaSaveLoadAndUntouchedInput(bool spreading, bool keyLabel)
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons().ToDataView(mlContext);
        var data = keyLabel ? mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(moons).Transform(moons) : moons;
        var before = EstimatorConformance.Values(data, "Label");
        var beforeFeatures = EstimatorConformance.Values(data, "Features");
        LabelPropagationEstimator estimator = spreading
            ? mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { SymmetrizeGraph = true })
            : mlContext.SemiSupervised.LabelPropagation(new LabelPropagationOptions { Kernel = LabelPropagationKernel.NearestNeighborsRbf });

        var model = estimator.Fit(data);

        EstimatorConformance.OutputSchemaMatches(estimator, model, data);
        EstimatorConformance.SaveLoadIdentical(mlContext, model, data, "PredictedLabel", "Score", "PropagatedLabel", "Confidence");
        Assert.Equal(before, EstimatorConformance.Values(data, "Label"));
        Assert.Equal(beforeFeatures, EstimatorConformance.Values(data, "Features"));
    }

    [Fact]
    public void Estimator_SparseFeatures_ConformanceSchemaSaveLoadConcurrentAndRepeatableSave()
    {
        // The conformance suite's cases run on four dense slots; featurized text takes the sparse path (stored rows kept
        // sparse, saved with the sparse format): the same checks on it.
        var mlContext = new MLContext(seed: 1);
        var raw = mlContext.Data.LoadFromEnumerable(TicketTexts.Generate(200, 0.05, seed: 3));
        var data = mlContext.Data.Cache(mlContext.Transforms.Text.FeaturizeText("Features", "Text").Fit(raw).Transform(raw));
        var beforeFeatures = EstimatorConformance.Values(data, "Features");
        string[] outputs = ["PredictedLabel", "Score", "PropagatedLabel", "Confidence"];
        var estimator = mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 5, Seed = 2 });

        var model = estimator.Fit(data);

        Assert.True(((LabelPropagationTransformer)model).Model.IsSparse);
        EstimatorConformance.OutputSchemaMatches(estimator, model, data);
        var loaded = EstimatorConformance.SaveLoadIdentical(mlContext, model, data, outputs);
        EstimatorConformance.ConcurrentTransformIdentical(loaded, data, outputs);
        var again = mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 5, Seed = 2 }).Fit(data);
        Assert.Equal(EstimatorConformance.SavedEntries(mlContext, model, data.Schema), EstimatorConformance.SavedEntries(mlContext, again, data.Schema));
        Assert.Equal(beforeFeatures, EstimatorConformance.Values(data, "Features"));
    }

    [Fact]
    public void Pipeline_WithLabelSpreading_SavesAndLoadsWithIdenticalOutputs()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Moons().ToDataView(mlContext);
        var pipeline = mlContext.Transforms.NormalizeMinMax("Features")
            .Append(mlContext.SemiSupervised.LabelSpreading())
            .Append(mlContext.Transforms.Conversion.MapValueToKey("PropagatedLabel"));

        var model = pipeline.Fit(data);

        EstimatorConformance.SaveLoadIdentical(mlContext, model, data, "PredictedLabel", "Score", "PropagatedLabel", "Confidence");
    }
}

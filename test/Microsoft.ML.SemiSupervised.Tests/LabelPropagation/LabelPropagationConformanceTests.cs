using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>The checks every estimator of the library passes (<see cref="EstimatorConformance"/>), for both graph estimators (the sparse path: <see cref="SparseConformanceTests"/>).</summary>
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

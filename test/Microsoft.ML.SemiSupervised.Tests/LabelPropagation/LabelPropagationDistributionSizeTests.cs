using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>The Score column (the distribution) has the class count as its size, before Fit, after Fit and after save and load.</summary>
public sealed class LabelPropagationDistributionSizeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Score_IsAKnownSizeVector_ThatATrainerAcceptsAsFeatures(bool spreading)
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Blobs(120, 2, 3, 0.2, seed: 4).ToDataView(mlContext);
        var pipeline = (spreading ? mlContext.SemiSupervised.LabelSpreading() : mlContext.SemiSupervised.LabelPropagation())
            .Append(mlContext.Transforms.CopyColumns("Distribution", "Score"))
            .Append(mlContext.Transforms.Conversion.MapValueToKey("PropagatedKey", "PropagatedLabel"))
            .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy("PropagatedKey", "Distribution"));

        var shape = pipeline.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema));
        var model = pipeline.Fit(data);

        Assert.Equal(SchemaShape.Column.VectorKind.Vector, shape.Single(c => c.Name == "Distribution").Kind);
        var output = model.Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), output.Schema["Distribution"].Type);
        var loaded = EstimatorConformance.SaveLoadIdentical(mlContext, model, data, "Distribution", "PredictedLabel");
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), loaded.Transform(data).Schema["Distribution"].Type);
        // The trainer learned the propagated labels from the distributions (their arg max).
        var trainer = output.GetColumn<uint>("PredictedLabel").ToArray();
        var keys = output.GetColumn<uint>("PropagatedKey").ToArray();
        Assert.True(keys.Zip(trainer).Count(p => p.First == p.Second) >= 0.95 * keys.Length);
    }
}

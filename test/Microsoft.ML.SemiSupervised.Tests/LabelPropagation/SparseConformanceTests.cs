using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// The conformance checks on the sparse path. In the collection of <see cref="SparsePersistenceTests"/>, since loading
/// its saved model builds sparse models from a saved state, which that class counts process-wide.
/// </summary>
[Collection(nameof(SparsePersistenceTests))]
public sealed class SparseConformanceTests
{
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
}

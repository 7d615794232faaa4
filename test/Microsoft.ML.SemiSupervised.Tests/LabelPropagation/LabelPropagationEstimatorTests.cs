using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

public sealed class LabelPropagationEstimatorTests
{
    [Fact]
    public void Fit_MoonsWithSevenNeighbors_LabelsAtLeast95PercentOfUnlabeledRows()
    {
        // scikit-learn 1.2.1 LabelSpreading(kernel="knn", n_neighbors=7): 95.78 % (431 of 450), test/data/PROVENANCE.md.
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = moons.ToDataView(mlContext);

        var model = mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 7).Fit(data);
        var predicted = GraphTestData.ReadClasses(model.Transform(data));

        Assert.True(moons.UnlabeledAccuracy(predicted) >= 0.95, $"accuracy {moons.UnlabeledAccuracy(predicted):P2}");
    }
}

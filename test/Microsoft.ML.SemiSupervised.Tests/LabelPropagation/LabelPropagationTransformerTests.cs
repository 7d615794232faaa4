using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

public sealed class LabelPropagationTransformerTests
{
    [Fact]
    public void Save_LoadInFreshContext_PredictsIdenticalValues()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = moons.ToDataView(mlContext);
        var model = mlContext.SemiSupervised.LabelSpreading().Fit(data);
        var newRows = GraphTestData.Blobs(40, 2, 2, 0, seed: 3).ToDataView(mlContext);
        var path = Path.Combine(Path.GetTempPath(), $"lp-{Guid.NewGuid():N}.zip");
        try
        {
            mlContext.Model.Save(model, data.Schema, path);
            var fresh = new MLContext(seed: 2);
            var loaded = fresh.Model.Load(path, out var schema);

            AssertSameOutputs(model.Transform(data), loaded.Transform(data));
            AssertSameOutputs(model.Transform(newRows), loaded.Transform(newRows));
            Assert.Equal(data.Schema["Features"].Type, schema["Features"].Type);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static void AssertSameOutputs(IDataView expected, IDataView actual)
    {
        Assert.Equal(expected.GetColumn<float>("PropagatedLabel").ToArray(), actual.GetColumn<float>("PropagatedLabel").ToArray());
        Assert.Equal(expected.GetColumn<float>("Confidence").ToArray(), actual.GetColumn<float>("Confidence").ToArray());
        Assert.Equal(
            expected.GetColumn<VBuffer<float>>("LabelDistribution").SelectMany(v => v.DenseValues()).ToArray(),
            actual.GetColumn<VBuffer<float>>("LabelDistribution").SelectMany(v => v.DenseValues()).ToArray());
    }
}

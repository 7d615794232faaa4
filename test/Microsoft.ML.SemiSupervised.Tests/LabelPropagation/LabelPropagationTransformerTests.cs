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

    /// <summary>
    /// test/data/label_spreading_moons_v1.zip was saved on 2026-11-24 (model format version 1) by
    /// <c>mlContext.Model.Save(mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 7).Fit(moons), ...)</c>, moons being
    /// moons_seed.csv as <see cref="GraphTestData.ToDataView"/> loads it. It must keep loading and predicting.
    /// </summary>
    [Fact]
    public void Load_ModelSavedWithFormatVersion1_PredictsAsAFreshFit()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = moons.ToDataView(mlContext);

        var loaded = mlContext.Model.Load(Path.Combine(AppContext.BaseDirectory, "data", "label_spreading_moons_v1.zip"), out _);
        var fresh = mlContext.SemiSupervised.LabelSpreading(ScikitLearnSetting.Spreading()).Fit(data); // the defaults when it was saved

        var loadedLabels = GraphTestData.ReadClasses(loaded.Transform(data));
        Assert.Equal(GraphTestData.ReadClasses(fresh.Transform(data)), loadedLabels);
        Assert.True(moons.UnlabeledAccuracy(loadedLabels) >= 0.95);
        var newRows = GraphTestData.Blobs(40, 2, 2, 0, seed: 3).ToDataView(mlContext);
        Assert.Equal(GraphTestData.ReadClasses(fresh.Transform(newRows)), GraphTestData.ReadClasses(loaded.Transform(newRows)));
    }

    /// <summary>
    /// test/data/label_spreading_moons_v2.zip was saved on 2026-11-30 (model format version 2) the same way as the
    /// version 1 fixture: <c>mlContext.Model.Save(mlContext.SemiSupervised.LabelSpreading(numberOfNeighbors: 7).Fit(moons), ...)</c>.
    /// It must keep loading and predicting, with a distribution column of the class count's size.
    /// </summary>
    [Fact]
    public void Load_ModelSavedWithFormatVersion2_PredictsAsAFreshFit()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var data = moons.ToDataView(mlContext);

        var loaded = mlContext.Model.Load(Path.Combine(AppContext.BaseDirectory, "data", "label_spreading_moons_v2.zip"), out _);
        var fresh = mlContext.SemiSupervised.LabelSpreading(ScikitLearnSetting.Spreading()).Fit(data); // the defaults when it was saved

        AssertSameOutputs(fresh.Transform(data), loaded.Transform(data), actualDistributionColumn: "LabelDistribution");
        Assert.True(moons.UnlabeledAccuracy(GraphTestData.ReadClasses(loaded.Transform(data))) >= 0.95);
        var newRows = GraphTestData.Blobs(40, 2, 2, 0, seed: 3).ToDataView(mlContext);
        AssertSameOutputs(fresh.Transform(newRows), loaded.Transform(newRows), actualDistributionColumn: "LabelDistribution");
        // A model saved before the multiclass outputs keeps the outputs it was saved with: no Score, no PredictedLabel.
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), loaded.Transform(data).Schema["LabelDistribution"].Type);
        Assert.Null(loaded.Transform(data).Schema.GetColumnOrNull("Score"));
        Assert.Null(loaded.Transform(data).Schema.GetColumnOrNull("PredictedLabel"));
    }

    [Fact]
    public void Save_KeyLabel_LoadedModelKeepsTheKeyType()
    {
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons().ToDataView(mlContext);
        var data = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(moons).Transform(moons);
        var model = mlContext.SemiSupervised.LabelPropagation().Fit(data);
        using var stream = new MemoryStream();

        mlContext.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(seed: 2).Model.Load(stream, out _);

        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        Assert.Equal(expected.Schema["PropagatedLabel"].Type, actual.Schema["PropagatedLabel"].Type);
        Assert.Equal(expected.GetColumn<uint>("PropagatedLabel").ToArray(), actual.GetColumn<uint>("PropagatedLabel").ToArray());
    }

    [Fact]
    public void Transform_FeatureVectorOfOtherSize_Throws()
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.SemiSupervised.LabelSpreading().Fit(GraphTestData.Moons().ToDataView(mlContext));
        var wider = GraphTestData.Blobs(10, 3, 2, 0.5, seed: 1).ToDataView(mlContext);

        var error = Assert.Throws<ArgumentException>(() => model.Transform(wider));

        Assert.StartsWith("Schema mismatch for feature column 'Features': expected Vector<Single, 2>, got Vector<Single, 3>.", error.Message);
    }

    internal static void AssertSameOutputs(IDataView expected, IDataView actual, string actualDistributionColumn = "Score")
    {
        Assert.Equal(expected.GetColumn<float>("PropagatedLabel").ToArray(), actual.GetColumn<float>("PropagatedLabel").ToArray());
        Assert.Equal(expected.GetColumn<float>("Confidence").ToArray(), actual.GetColumn<float>("Confidence").ToArray());
        Assert.Equal(
            expected.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray(),
            actual.GetColumn<VBuffer<float>>(actualDistributionColumn).SelectMany(v => v.DenseValues()).ToArray());
    }
}

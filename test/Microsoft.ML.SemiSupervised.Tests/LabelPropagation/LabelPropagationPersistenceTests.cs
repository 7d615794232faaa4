using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// The saved form of label propagation (format version 2): deterministic, checksummed, read once per loaded model.
/// Not run in parallel with other tests: <see cref="LabelPropagationModelFormat.BuildCount"/> counts every model
/// built from a saved state in the process.
/// </summary>
[Collection(nameof(LabelPropagationPersistenceTests))]
public sealed class LabelPropagationPersistenceTests
{
    /// <summary>
    /// Every entry is byte for byte the same, except that ML.NET's binary data writer (which value mappings use for
    /// their .idv entries) writes the blocks of its columns in the order its threads finish them: those entries are
    /// compared by the rows they hold, written out as text.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Save_TwoFitsWithTheSameDataAndSeed_WriteIdenticalZipEntries(bool spreading)
    {
        var first = ZipEntries.Read(SaveToBytes(spreading, contextSeed: 1));
        var second = ZipEntries.Read(SaveToBytes(spreading, contextSeed: 2));

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, content) in first)
        {
            if (name.EndsWith(".idv", StringComparison.Ordinal))
                Assert.Equal(RowsAsText(content), RowsAsText(second[name]));
            else
                Assert.True(content.AsSpan().SequenceEqual(second[name]), $"zip entry '{name}' differs between two fits");
        }
    }

    [Fact]
    public void Load_StateWithFlippedBytes_ThrowsChecksumMismatchAndNeverPredictsSilently()
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Moons().ToDataView(mlContext);
        var saved = SaveToBytes(spreading: true, contextSeed: 1);
        var expected = GraphTestData.ReadClasses(new MLContext(1).Model.Load(new MemoryStream(saved), out _).Transform(data));

        FlippedStateBytes.AssertCaughtByTheChecksum(saved, loaded => GraphTestData.ReadClasses(loaded.Transform(data)), expected);
    }

    [Fact]
    public void Load_TwoModelsUsedAlternatelyRowByRow_PredictAsTheirLiveModelsAndBuildOnce()
    {
        var mlContext = new MLContext(seed: 1);
        var firstData = GraphTestData.Blobs(300, 4, 3, 0.1, seed: 11).ToDataView(mlContext);
        var secondData = GraphTestData.Blobs(250, 4, 2, 0.1, seed: 12).ToDataView(mlContext);
        var first = mlContext.SemiSupervised.LabelSpreading().Fit(firstData);
        var second = mlContext.SemiSupervised.LabelPropagation().Fit(secondData);
        var rows = GraphTestData.Blobs(60, 4, 2, 0, seed: 13);
        var queries = Enumerable.Range(0, rows.Count).Select(i => new GraphTestData.Row { Features = rows.Features[i], Label = float.NaN }).ToArray();
        long buildsBefore = LabelPropagationModelFormat.BuildCount;

        var firstLoaded = Load(mlContext, first, firstData.Schema);
        var secondLoaded = Load(mlContext, second, secondData.Schema);
        var firstCopy = Load(mlContext, first, firstData.Schema);
        var engines = new[] { first, firstLoaded, second, secondLoaded, firstCopy }
            .Select(model => mlContext.Model.CreatePredictionEngine<GraphTestData.Row, Prediction>(model, inputSchemaDefinition: Schema())).ToArray();
        foreach (var query in queries)
        {
            var predictions = engines.Select(engine => engine.Predict(query)).ToArray();
            AssertSame(predictions[0], predictions[1]);
            AssertSame(predictions[2], predictions[3]);
            AssertSame(predictions[0], predictions[4]);
        }

        Assert.Equal(2, LabelPropagationModelFormat.BuildCount - buildsBefore); // one per content, the copy shares it
        var batch = secondLoaded.Transform(mlContext.Data.LoadFromEnumerable(queries, Schema()));
        Assert.Equal(queries.Select(q => engines[2].Predict(q).PropagatedLabel), batch.GetColumn<float>("PropagatedLabel"));
        Assert.Equal(2, LabelPropagationModelFormat.BuildCount - buildsBefore);
    }

    [Fact]
    public void Load_TwoModelsUsedFromSeveralThreadsAtOnce_PredictAsTheirLiveModels()
    {
        var mlContext = new MLContext(seed: 1);
        var firstData = GraphTestData.Blobs(200, 4, 3, 0.1, seed: 21).ToDataView(mlContext);
        var secondData = GraphTestData.Blobs(220, 4, 2, 0.1, seed: 22).ToDataView(mlContext);
        var live = new ITransformer[]
        {
            mlContext.SemiSupervised.LabelSpreading().Fit(firstData),
            mlContext.SemiSupervised.LabelPropagation().Fit(secondData),
        };
        var loaded = new[] { Load(mlContext, live[0], firstData.Schema), Load(mlContext, live[1], secondData.Schema) };
        var rows = GraphTestData.Blobs(40, 4, 2, 0, seed: 23);
        var queries = Enumerable.Range(0, rows.Count).Select(i => new GraphTestData.Row { Features = rows.Features[i], Label = float.NaN }).ToArray();
        var queryView = mlContext.Data.LoadFromEnumerable(queries, Schema());
        var expected = live.Select(model => model.Transform(queryView).GetColumn<float>("Confidence").ToArray()).ToArray();

        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, task =>
        {
            int which = task % 2;
            if (task < 4)
            {
                results[task] = loaded[which].Transform(queryView).GetColumn<float>("Confidence").ToArray();
                return;
            }
            var engine = mlContext.Model.CreatePredictionEngine<GraphTestData.Row, Prediction>(loaded[which], inputSchemaDefinition: Schema());
            results[task] = queries.Select(q => engine.Predict(q).Confidence).ToArray();
        });

        for (int task = 0; task < results.Length; task++)
            Assert.Equal(expected[task % 2], results[task]);
    }

    private static ITransformer Load(MLContext mlContext, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        mlContext.Model.Save(model, schema, stream);
        stream.Position = 0;
        return new MLContext(seed: 5).Model.Load(stream, out _);
    }

    private static void AssertSame(Prediction expected, Prediction actual)
    {
        Assert.Equal(expected.PropagatedLabel, actual.PropagatedLabel);
        Assert.Equal(expected.Confidence, actual.Confidence);
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.PredictedLabel, actual.PredictedLabel);
    }

    private static byte[] SaveToBytes(bool spreading, int contextSeed)
    {
        var mlContext = new MLContext(seed: contextSeed);
        var data = GraphTestData.Moons().ToDataView(mlContext);
        var estimator = spreading
            ? mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NeighborSearch = NeighborSearch.Approximate, Seed = 3 })
            : mlContext.SemiSupervised.LabelPropagation(new LabelPropagationOptions { NeighborSearch = NeighborSearch.Approximate, Seed = 3 });
        using var stream = new MemoryStream();
        mlContext.Model.Save(estimator.Fit(data), data.Schema, stream);
        return stream.ToArray();
    }

    private static string RowsAsText(byte[] idv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lp-{Guid.NewGuid():N}.idv");
        try
        {
            File.WriteAllBytes(path, idv);
            var mlContext = new MLContext(seed: 1);
            using var text = new MemoryStream();
            mlContext.Data.SaveAsText(mlContext.Data.LoadFromBinary(path), text, schema: true);
            return System.Text.Encoding.UTF8.GetString(text.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(GraphTestData.Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 4);
        return schema;
    }

    /// <summary>A prediction of the graph estimators.</summary>
    public sealed class Prediction
    {
        /// <summary>The label.</summary>
        public float PropagatedLabel { get; set; }

        /// <summary>The class distribution.</summary>
        public float[] Score { get; set; } = [];

        /// <summary>The class as ML.NET's multiclass key.</summary>
        public uint PredictedLabel { get; set; }

        /// <summary>The confidence.</summary>
        public float Confidence { get; set; }
    }
}

/// <summary>Runs <see cref="LabelPropagationPersistenceTests"/> alone: it counts models built process-wide.</summary>
[CollectionDefinition(nameof(LabelPropagationPersistenceTests), DisableParallelization = true)]
public sealed class LabelPropagationPersistenceCollection
{
}

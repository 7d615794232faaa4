using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// New rows of a fitted model found through the search index over its stored rows: built when the fit searches
/// neighbours approximately, equal in its answers to exact search on nearly every row, saved and loaded with the model.
/// Not run in parallel with the persistence tests, which count the models built from saved states.
/// </summary>
[Collection(nameof(LabelPropagationPersistenceTests))]
public sealed class LabelPropagationIndexTests
{
    private const int Rows = 3_000;
    private readonly ITestOutputHelper _output;

    public LabelPropagationIndexTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData(NeighborSearch.Auto, 1_000, true)]
    [InlineData(NeighborSearch.Auto, 20_000, false)]
    [InlineData(NeighborSearch.Approximate, 20_000, true)]
    [InlineData(NeighborSearch.Exact, 1_000, false)]
    public void Fit_NeighborSearch_BuildsTheIndexExactlyWhenTheFitSearchesApproximately(NeighborSearch search, int exactSearchRowLimit, bool indexed)
    {
        var mlContext = new MLContext(seed: 1);
        var (train, _) = BlobsAndNewRows(mlContext);

        var model = mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions
        {
            NumberOfNeighbors = 10,
            NeighborSearch = search,
            ExactSearchRowLimit = exactSearchRowLimit,
            Seed = 1,
        }).Fit(train);

        Assert.Equal(indexed, model.Model.Index is not null);
    }

    [Theory]
    [InlineData(LabelPropagationKernel.NearestNeighbors)]
    [InlineData(LabelPropagationKernel.NearestNeighborsRbf)]
    public void Predict_NewRowsThroughTheIndex_AgreeWithExactSearchOverTheSameStoredRows(LabelPropagationKernel kernel)
    {
        var mlContext = new MLContext(seed: 1);
        var (train, newRows) = BlobsAndNewRows(mlContext);
        var indexed = mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions
        {
            Kernel = kernel,
            Gamma = 0.05,
            NumberOfNeighbors = 10,
            NeighborSearch = NeighborSearch.Approximate,
            Seed = 1,
        }).Fit(train).Model;
        var exact = new LabelPropagationModel(indexed.Kernel, indexed.NumberOfNeighbors, indexed.Gamma, indexed.Points, indexed.ClassCount,
            indexed.Distributions, indexed.Labeled);
        Assert.NotNull(indexed.Index);
        Assert.Null(exact.Index);

        int same = 0;
        double largestDifference = 0;
        var fromIndex = new float[indexed.ClassCount];
        var fromExact = new float[indexed.ClassCount];
        foreach (var row in newRows.Features)
        {
            int a = indexed.Predict(row, fromIndex);
            int b = exact.Predict(row, fromExact);
            same += a == b ? 1 : 0;
            largestDifference = Math.Max(largestDifference, fromIndex.Zip(fromExact, (x, y) => (double)Math.Abs(x - y)).Max());
        }

        double agreement = (double)same / newRows.Count;
        _output.WriteLine($"{kernel}: the index and exact search give the same class to {agreement:P2} of {newRows.Count} new rows; largest score difference {largestDifference:0.000}");
        Assert.True(agreement >= 0.98, $"agreement {agreement:P2}");
    }

    [Fact]
    public void Save_ModelWithIndex_LoadedModelKeepsTheIndexAndPredictsNewRowsAsTheLiveOne()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, newRows) = BlobsAndNewRows(mlContext);
        var live = mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions
        {
            NumberOfNeighbors = 10,
            NeighborSearch = NeighborSearch.Approximate,
            Seed = 1,
        }).Fit(train);
        var (header, state) = LabelPropagationModelFormat.Write(live.Model);
        var read = LabelPropagationModelFormat.Read(header, state);
        Assert.Equal(3, header[0]);
        Assert.Equal(live.Model.Index!.ToIntegers(), read.Index!.ToIntegers());

        using var stream = new MemoryStream();
        mlContext.Model.Save(live, train.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(seed: 2).Model.Load(stream, out _);

        var queries = newRows.ToDataView(mlContext);
        var liveScored = live.Transform(queries);
        var loadedScored = loaded.Transform(queries);
        Assert.Equal(liveScored.GetColumn<uint>("PredictedLabel"), loadedScored.GetColumn<uint>("PredictedLabel"));
        Assert.Equal(liveScored.GetColumn<float[]>("Score").SelectMany(s => s), loadedScored.GetColumn<float[]>("Score").SelectMany(s => s));
        Assert.True(newRows.UnlabeledAccuracy(GraphTestData.ReadClasses(loadedScored)) >= 0.9);
    }

    /// <summary>
    /// Blobs in 10 dimensions (5 classes, spread 2, 5 % labeled) for the fit, and 500 new rows of the same blobs: the
    /// rows after the first <see cref="Rows"/> (their labels are not read).
    /// </summary>
    private static (IDataView Train, GraphTestData NewRows) BlobsAndNewRows(MLContext mlContext)
    {
        var all = GraphTestData.Blobs(Rows + 500, 10, 5, 0.05, seed: 11, spread: 2);
        var train = all.Where(i => i < Rows);
        var newRows = all.Where(i => i >= Rows);
        return (train.ToDataView(mlContext), newRows);
    }
}

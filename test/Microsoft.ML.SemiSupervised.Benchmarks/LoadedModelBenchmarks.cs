using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Scoring new rows with a fitted label spreading model, live (the transformer Fit returned) against the same model
/// saved and loaded (format version 2, which reads its state once per loaded model), on the generated blobs of
/// <see cref="LabelPropagationData"/> (20 features, 10 classes; k = 10). Each operation scores 1000 new rows (read
/// through the Confidence column, which runs the whole prediction); <see cref="LoadAndScoreOneRow"/> is the one-off
/// cost of a load (read the zip, pass the state once, check its checksum) while another loaded copy is alive, so
/// that the model itself is shared rather than built again.
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*LoadedModel*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class LoadedModelBenchmarks
{
    private const int QueryRows = 1000;

    private MLContext _mlContext = null!;
    private ITransformer _live = null!;
    private ITransformer _loaded = null!;
    private byte[] _zip = null!;
    private IDataView _queries = null!;
    private IDataView _oneQuery = null!;

    /// <summary>The number of rows the model stores (the rows it was fitted on).</summary>
    [Params(10_000, 100_000)]
    public int StoredRows { get; set; }

    /// <summary>Fits, saves and loads the model once per parameter set; the loaded model scores once before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mlContext = new MLContext(seed: 1);
        var (features, labels, _) = LabelPropagationData.Generate(StoredRows);
        var data = _mlContext.Data.Cache(LabelPropagationData.ToDataView(_mlContext, features, labels));
        _live = _mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 10 }).Fit(data);
        using (var stream = new MemoryStream())
        {
            _mlContext.Model.Save(_live, data.Schema, stream);
            _zip = stream.ToArray();
        }
        _loaded = _mlContext.Model.Load(new MemoryStream(_zip), out _);
        var (queryFeatures, queryLabels, _) = LabelPropagationData.Generate(QueryRows, seed: 7);
        _queries = _mlContext.Data.Cache(LabelPropagationData.ToDataView(_mlContext, queryFeatures, queryLabels));
        _oneQuery = _mlContext.Data.TakeRows(_queries, 1);
        Score(_loaded, _queries);
    }

    /// <summary>Scores the new rows with the live model.</summary>
    [Benchmark(Baseline = true)]
    public double Live() => Score(_live, _queries);

    /// <summary>Scores the new rows with the loaded model.</summary>
    [Benchmark]
    public double Loaded() => Score(_loaded, _queries);

    /// <summary>Loads the zip in a fresh context and scores one row: the cost of a load, paid once per loaded model.</summary>
    [Benchmark]
    public double LoadAndScoreOneRow() => Score(new MLContext(seed: 2).Model.Load(new MemoryStream(_zip), out _), _oneQuery);

    private static double Score(ITransformer model, IDataView rows) => model.Transform(rows).GetColumn<float>("Confidence").Sum();
}

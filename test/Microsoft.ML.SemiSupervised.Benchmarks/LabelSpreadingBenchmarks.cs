using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Label spreading's Fit (neighbour search, graph, iteration) on the generated blobs of
/// <see cref="LabelPropagationData"/>: 20 features, 10 classes, 1 % labeled, k = 10 as in the scikit-learn comparison.
/// One launch, one warm-up and three measured runs (each fit is long enough to time on its own). 1M rows: see
/// <see cref="LabelPropagationTimedRun"/>.
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*LabelSpreading*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LabelSpreadingBenchmarks
{
    private MLContext _mlContext = null!;
    private IDataView _data = null!;

    /// <summary>The number of rows.</summary>
    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    /// <summary>How neighbours are found.</summary>
    [Params(NeighborSearch.Exact, NeighborSearch.Approximate)]
    public NeighborSearch Search { get; set; }

    /// <summary>Generates the data once per parameter set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mlContext = new MLContext(seed: 1);
        var (features, labels, _) = LabelPropagationData.Generate(Rows);
        _data = _mlContext.Data.Cache(LabelPropagationData.ToDataView(_mlContext, features, labels));
    }

    /// <summary>Fits label spreading.</summary>
    [Benchmark]
    public LabelPropagationReport Fit() =>
        _mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NumberOfNeighbors = 10, NeighborSearch = Search }).Fit(_data).Report;
}

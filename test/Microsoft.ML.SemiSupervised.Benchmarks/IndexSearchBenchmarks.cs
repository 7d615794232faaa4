using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The search index of a fitted label spreading model alone (issue 12, target 1): 2,000 new rows of the generated blobs
/// of <see cref="LabelPropagationData"/> (the rows after the stored ones; 20 features) searched one after the other
/// on one thread for their 10 nearest stored rows, with the index's own width: the walk over the float rows before
/// the 8-bit copy (<see cref="FloatRowsIndexSearch"/>, the baseline) against the index's walk over its 8-bit rows,
/// re-ranked exactly, on the same graph and tree. The 1M-row figures come from <see cref="IndexSearchRun"/>
/// (<c>index-search</c>), which keeps the built index between runs.
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*IndexSearchBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class IndexSearchBenchmarks
{
    private const int QueryRows = 2_000;
    private const int K = 10;

    private NeighborGraphIndex _index = null!;
    private FloatRowsIndexSearch _floatRows = null!;
    private PointSet _queries = null!;
    private int _width;
    private readonly int[] _indices = new int[K];
    private readonly float[] _distances = new float[K];

    /// <summary>The number of rows the index stores.</summary>
    [Params(100_000)]
    public int StoredRows { get; set; }

    /// <summary>Builds the NN-descent lists and the index once; the first search makes the diversified links and the 8-bit copy.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var all = LabelPropagationData.Generate(StoredRows + QueryRows).Features;
        var points = new PointSet(all[..StoredRows].SelectMany(r => r).ToArray(), all[0].Length);
        _queries = new PointSet(all[StoredRows..].SelectMany(r => r).ToArray(), all[0].Length);
        _index = IndexSearchRun.LoadOrBuild(points, StoredRows);
        _floatRows = new FloatRowsIndexSearch(_index);
        _width = NeighborGraphIndex.SearchWidthFor(StoredRows);
        _index.Search(_queries[0], _indices, _distances);
    }

    /// <summary>The walk over the float rows in leaf order (commit bdf6a4f).</summary>
    [Benchmark(Baseline = true)]
    public float FloatRows()
    {
        float sum = 0;
        for (int q = 0; q < QueryRows; q++)
        {
            _floatRows.Search(_queries[q], _indices, _distances, _width);
            sum += _distances[K - 1];
        }
        return sum;
    }

    /// <summary>The index's walk over its 8-bit rows, re-ranked by exact distances.</summary>
    [Benchmark]
    public float EightBitRows()
    {
        float sum = 0;
        for (int q = 0; q < QueryRows; q++)
        {
            _index.Search(_queries[q], _indices, _distances, _width);
            sum += _distances[K - 1];
        }
        return sum;
    }
}

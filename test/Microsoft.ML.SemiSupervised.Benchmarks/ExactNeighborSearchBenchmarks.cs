using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The exact neighbour search alone, the kernel before issue 8 (<see cref="NormExpansionNeighborSearch"/>:
/// <c>|x|^2 + |y|^2 - 2 x.y</c>) against the current one (<see cref="ExactNeighborSearch"/>: sums of squared
/// differences, four queries per pass over the blocks, FMA), side by side in one run: 20,000 rows of Gaussian blobs (10 centres uniform in
/// [0, 10]^d, standard deviation 2.5, seed 42), 10 neighbours per row, all cores.
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*ExactNeighborSearchBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ExactNeighborSearchBenchmarks
{
    private PointSet _points = null!;

    /// <summary>The number of rows.</summary>
    [Params(20_000)]
    public int Rows { get; set; }

    /// <summary>The number of features.</summary>
    [Params(20, 64)]
    public int Dimension { get; set; }

    /// <summary>Generates the rows once per parameter set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var centres = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() * 10).ToArray()).ToArray();
        var values = new float[Rows * Dimension];
        for (int i = 0; i < Rows; i++)
        {
            var centre = centres[random.Next(centres.Length)];
            for (int d = 0; d < Dimension; d++)
                values[i * Dimension + d] = (float)(centre[d] + 2.5 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        _points = new PointSet(values, Dimension);
    }

    /// <summary>The kernel before issue 8.</summary>
    [Benchmark(Baseline = true)]
    public int[] NormExpansion() => NormExpansionNeighborSearch.Search(_points, 10).Indices;

    /// <summary>The current kernel.</summary>
    [Benchmark]
    public int[] Differences() => ExactNeighborSearch.Search(_points, 10).Indices;
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// Scoring rows with a fitted neural model (FixMatch's default perceptron on digits, <see cref="DigitsScoringModel"/>), live
/// (the transformer Fit returned) against the same model saved and loaded in a fresh MLContext (neural format v1 with
/// its report piece), which builds its network once, on its first row. Each operation scores <see cref="Rows"/> rows and
/// reads every Score vector; <see cref="LoadAndScoreOneRow"/> is the one-off cost of a load (read the zip, pass the state
/// once, check its checksum) while another loaded copy is alive, so that the network itself is shared.
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks -- --filter '*NeuralLoadedModel*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class NeuralLoadedModelBenchmarks
{
    private ITransformer _live = null!;
    private ITransformer _loaded = null!;
    private byte[] _zip = null!;
    private IDataView _rows = null!;
    private IDataView _oneRow = null!;

    /// <summary>The rows scored per operation.</summary>
    [Params(1000, 10_000)]
    public int Rows { get; set; }

    /// <summary>Fits, saves and loads the model once per parameter set; the loaded model scores once before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (context, live, loaded, zip) = DigitsScoringModel.FitSaveLoad();
        (_live, _loaded, _zip) = (live, loaded, zip);
        _rows = DigitsScoringModel.Rows(context, Rows);
        _oneRow = context.Data.TakeRows(_rows, 1);
        if (DigitsScoringModel.Score(_loaded, _rows) != DigitsScoringModel.Score(_live, _rows))
            throw new InvalidOperationException("The loaded model scores differently from the live one.");
    }

    /// <summary>Scores the rows with the live model.</summary>
    [Benchmark(Baseline = true)]
    public double Live() => DigitsScoringModel.Score(_live, _rows);

    /// <summary>Scores the rows with the loaded model.</summary>
    [Benchmark]
    public double Loaded() => DigitsScoringModel.Score(_loaded, _rows);

    /// <summary>Loads the zip in a fresh context and scores one row: the cost of a load, paid once per loaded model.</summary>
    [Benchmark]
    public double LoadAndScoreOneRow() => DigitsScoringModel.Score(new MLContext(seed: 3).Model.Load(new MemoryStream(_zip), out _), _oneRow);
}

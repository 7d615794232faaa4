using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// What the saved report costs a loaded model's scoring: a co-training model (two LbfgsMaximumEntropy views splitting
/// digits.csv's 64 features, 10 % labels, 2 rounds) saved and loaded, scoring 100 or all 1797 digits rows (reading Score,
/// which runs both members and the combination), with its report piece (the whole loaded chain) against the same
/// loaded chain without it (its first element: the model's own chain). The report's columns are dropped at once, so
/// the two should score alike. Both benchmarks alternate within each iteration (<see cref="Pair"/>) as well as run
/// on their own, so that a busy machine slows both alike.
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*ReportPiece*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
public class ReportPieceBenchmarks
{
    private ITransformer _withReport = null!;
    private ITransformer _withoutReport = null!;
    private IDataView _rows = null!;

    /// <summary>The number of rows scored (the first of digits.csv): the per-call and per-row costs apart.</summary>
    [Params(100, 1797)]
    public int Rows { get; set; }

    /// <summary>Fits, saves and loads the model once; both forms score once before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var data = CsvDataSet.Load("digits");
        var split = SemiSupervisedSplit.Create(data, 0.1, seed: 1);
        var train = DataViews.Train(ml, data, split);
        var trainers = ml.MulticlassClassification.Trainers;
        var model = ml.SemiSupervised.CoTraining(trainers.LbfgsMaximumEntropy(), trainers.LbfgsMaximumEntropy(),
            new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 2 }).Fit(train);
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        _withReport = new MLContext(seed: 2).Model.Load(stream, out _);
        _withoutReport = ((TransformerChain<ITransformer>)_withReport).First();
        _rows = ml.Data.Cache(DataViews.Load(ml, data.Features.Take(Rows).Select(f => new FloatLabelRow { Label = float.NaN, Features = f }), data.Dimension));
        Score(_withReport);
        Score(_withoutReport);
    }

    /// <summary>The loaded model's own chain, without the report piece.</summary>
    [Benchmark(Baseline = true)]
    public double WithoutReportPiece() => Score(_withoutReport);

    /// <summary>The whole loaded model: its chain followed by the report piece.</summary>
    [Benchmark]
    public double WithReportPiece() => Score(_withReport);

    /// <summary>Both, one after the other (alternating within the iteration): twice the baseline when the piece costs nothing.</summary>
    [Benchmark]
    public double Pair() => Score(_withoutReport) + Score(_withReport);

    private double Score(ITransformer model) => model.Transform(_rows).GetColumn<VBuffer<float>>("Score").Sum(s => s.GetValues()[0]);
}

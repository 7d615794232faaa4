using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The cost of co-training and tri-training next to self-training, all around L-BFGS maximum entropy, on the
/// generated blobs of <see cref="LabelPropagationData"/> (20 features, 10 classes, 1 % labeled). Co-training runs its
/// default 30 rounds (60 fits and 60 pool scorings of 75 rows, then the model chain); tri-training runs until no model
/// changes (each round scores every unlabeled row three times).
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*CoTrainingBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CoTrainingBenchmarks
{
    private MLContext _mlContext = null!;
    private IDataView _data = null!;

    /// <summary>The number of rows.</summary>
    [Params(2_000, 20_000)]
    public int Rows { get; set; }

    /// <summary>Generates the data once per parameter set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mlContext = new MLContext(seed: 1);
        var (features, labels, _) = LabelPropagationData.Generate(Rows);
        _data = _mlContext.Data.Cache(LabelPropagationData.ToDataView(_mlContext, features, labels));
    }

    /// <summary>Self-training, for reference.</summary>
    [Benchmark(Baseline = true)]
    public SelfTrainingReport SelfTraining() =>
        _mlContext.SemiSupervised.SelfTraining(_mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new SelfTrainingOptions()).FitWithReport(_data).Report;

    /// <summary>Co-training on two random halves of the features.</summary>
    [Benchmark]
    public CoTrainingReport CoTraining() => _mlContext.SemiSupervised.CoTraining(
        _mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), _mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
        new CoTrainingOptions { Seed = 1 }).Fit(_data).Report;

    /// <summary>Tri-training with one trainer.</summary>
    [Benchmark]
    public TriTrainingReport TriTraining() =>
        _mlContext.SemiSupervised.TriTraining(_mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = 1 }).Fit(_data).Report;
}

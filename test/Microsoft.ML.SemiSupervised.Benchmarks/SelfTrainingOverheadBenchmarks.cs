using BenchmarkDotNet.Attributes;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The self-training wrapper's own cost: a whole self-training fit against the inner trainer's fits alone on
/// the very row sets and labels that self-training handed it, served by the same in-memory views. The
/// difference is the wrapper's overhead: reading the input once, scoring the unlabeled rows each
/// iteration, selecting, building each iteration's view.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*SelfTrainingOverhead*'</c>.
/// Data: 5 % labels (seed 1 split of <see cref="SemiSupervisedSplit"/>), default options: digits for the
/// multiclass trainers, breast_cancer (min-max normalized) for the binary ones.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SelfTrainingOverheadBenchmarks
{
    private MLContext _ml = null!;
    private IDataView _train = null!;
    private IDataView[] _fitData = null!;

    /// <summary>The inner trainer.</summary>
    [Params("LbfgsMaximumEntropy", "LightGbmMulticlass", "LightGbmBinary", "AveragedPerceptron")]
    public string Trainer { get; set; } = "LbfgsMaximumEntropy";

    private bool Binary => Trainer is "LightGbmBinary" or "AveragedPerceptron";

    /// <summary>Reads the data, runs self-training once and builds a view of the rows of each of its fits.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = CsvDataSet.Load(Binary ? "breast_cancer" : "digits");
        var split = SemiSupervisedSplit.Create(data, 0.05, 1);
        _ml = new MLContext(1);
        var train = DataViews.Train(_ml, data, split);
        _train = Binary ? _ml.Transforms.NormalizeMinMax("Features").Fit(train).Transform(train) : train;
        _train = _ml.Data.Cache(_train);
        var (estimator, lastReport) = SelfTraining();
        estimator.Fit(_train);
        var report = lastReport()!;

        // Fit k of the loop saw the rows labeled before iteration k; the final fit sees every labeled row.
        var task = Binary ? LabelTask.Binary : LabelTask.Multiclass;
        var table = LabeledTable.Load(_train, "Features", "Label", null, task);
        var classes = report.AssignedClass.ToArray();
        var columns = new[]
        {
            table.Features.ToColumn(),
            TrainingLabelColumn.Create("Label", task, table.Labels.Catalog, classes, _train.Schema["Label"].Annotations),
        };
        _fitData = Enumerable.Range(1, report.NumberOfIterations).Append(int.MaxValue)
            .Select(k => (IDataView)new InMemoryDataView(columns, Enumerable.Range(0, classes.Length)
                .Where(r => report.LabeledIteration[r] >= 0 && report.LabeledIteration[r] < k).ToArray()))
            .ToArray();
    }

    /// <summary>The inner trainer's fits alone, on the same row sets.</summary>
    [Benchmark(Baseline = true)]
    public int InnerFitsOnly()
    {
        var trainer = InnerTrainer();
        foreach (var rows in _fitData)
            _ = trainer.Fit(rows);
        return _fitData.Length;
    }

    /// <summary>A whole self-training fit.</summary>
    [Benchmark]
    public ITransformer SelfTrainingFit() => SelfTraining().Estimator.Fit(_train);

    private IEstimator<ITransformer> InnerTrainer() => Trainer switch
    {
        "LightGbmMulticlass" => _ml.MulticlassClassification.Trainers.LightGbm(minimumExampleCountPerLeaf: 2),
        "LightGbmBinary" => _ml.BinaryClassification.Trainers.LightGbm(minimumExampleCountPerLeaf: 2),
        "AveragedPerceptron" => _ml.BinaryClassification.Trainers.AveragedPerceptron(),
        _ => _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
    };

    private (IEstimator<ITransformer> Estimator, Func<SelfTrainingReport?> Report) SelfTraining()
    {
        SelfTrainingReport? report = null;
        var options = new SelfTrainingOptions { FitCompleted = fitted => report = fitted };
        IEstimator<ITransformer> estimator = Trainer switch
        {
            "LightGbmMulticlass" => _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LightGbm(minimumExampleCountPerLeaf: 2), options),
            "LightGbmBinary" => _ml.SemiSupervised.SelfTraining(_ml.BinaryClassification.Trainers.LightGbm(minimumExampleCountPerLeaf: 2), options),
            "AveragedPerceptron" => _ml.SemiSupervised.SelfTraining(_ml.BinaryClassification.Trainers.AveragedPerceptron(), options),
            _ => _ml.SemiSupervised.SelfTraining(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options),
        };
        return (estimator, () => report);
    }
}

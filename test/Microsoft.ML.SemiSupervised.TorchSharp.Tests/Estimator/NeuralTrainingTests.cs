using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Estimator;

/// <summary>Seeded repeatability, progress per epoch, cancellation and early stopping.</summary>
public sealed class NeuralTrainingTests
{
    [Fact]
    public void Fit_SameSeedTwice_GivesIdenticalScores()
    {
        float[][] Scores()
        {
            var ml = new MLContext(seed: 1);
            var data = IrisRows.PartlyLabeled(ml);
            var model = ml.SemiSupervised.MixMatch(new MixMatchOptions { MaximumNumberOfIterations = 2, HiddenLayerSizes = [16], BatchSize = 8, Seed = 5, NumberOfThreads = 1 }).Fit(data);
            return ml.Data.CreateEnumerable<ScoreRow>(model.Transform(data), reuseRowObject: false).Select(r => r.Score).ToArray();
        }

        var first = Scores();
        var second = Scores();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Fit_DifferentSeeds_GiveDifferentScores()
    {
        float[] Scores(int seed)
        {
            var ml = new MLContext(seed: 1);
            var data = IrisRows.PartlyLabeled(ml);
            var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch(seed)).Fit(data);
            return ml.Data.CreateEnumerable<ScoreRow>(model.Transform(data), reuseRowObject: false).First().Score;
        }

        Assert.NotEqual(Scores(1), Scores(2));
    }

    [Fact]
    public void Fit_IterationCompleted_CalledOncePerEpochWithMeasuredLosses()
    {
        var ml = new MLContext(seed: 1);
        var epochs = new List<NeuralEpoch>();
        var options = QuickOptions.FixMatch();
        options.IterationCompleted = epochs.Add;
        options.ConfidenceThreshold = 0.5;
        var model = ml.SemiSupervised.FixMatch(options).Fit(IrisRows.PartlyLabeled(ml));

        Assert.Equal(Enumerable.Range(1, QuickOptions.Epochs), epochs.Select(e => e.Epoch));
        Assert.Equal(epochs, model.Report.Epochs);
        Assert.All(epochs, e => Assert.True(e.LabeledLoss > 0 && double.IsFinite(e.LabeledLoss)));
        Assert.All(epochs, e => Assert.InRange(e.MaskRate, 0, 1));
        Assert.Equal(30, model.Report.LabeledRowCount);
        Assert.Equal(120, model.Report.UnlabeledRowCount);
        // 120 unlabeled rows, 8 labeled x 4 unlabeled a step: 4 steps an epoch.
        Assert.All(epochs, e => Assert.Equal(4, e.Steps));
        Assert.True(epochs[^1].LearningRate < epochs[0].LearningRate);
    }

    [Fact]
    public void Fit_TrueClassesKnown_ReportsPseudoLabelAccuracy()
    {
        var ml = new MLContext(seed: 1);
        var epochs = new List<NeuralEpoch>();
        var options = new PseudoLabelingOptions { MaximumNumberOfIterations = 2, HiddenLayerSizes = [16], BatchSize = 8, Seed = 1, NumberOfThreads = 1, IterationCompleted = epochs.Add };
        options.TrueClasses = IrisRows.All().Select(r => (int)r.Label).ToArray();
        ml.SemiSupervised.PseudoLabeling(options).Fit(IrisRows.PartlyLabeled(ml));
        Assert.All(epochs, e => Assert.InRange(e.PseudoLabelAccuracy!.Value, 0.0, 1.0));
    }

    [Fact]
    public void Fit_CancelledAfterFirstEpoch_ThrowsOperationCanceled()
    {
        var ml = new MLContext(seed: 1);
        using var cancellation = new CancellationTokenSource();
        var options = QuickOptions.FixMatch();
        options.MaximumNumberOfIterations = 50;
        options.CancellationToken = cancellation.Token;
        int epochs = 0;
        options.IterationCompleted = _ => { epochs++; cancellation.Cancel(); };
        Assert.ThrowsAny<OperationCanceledException>(() => ml.SemiSupervised.FixMatch(options).Fit(IrisRows.PartlyLabeled(ml)));
        Assert.Equal(1, epochs);
    }

    [Fact]
    public void Fit_ValidationData_StopsAfterPatienceAndKeepsBestEpoch()
    {
        var ml = new MLContext(seed: 1);
        var options = QuickOptions.FixMatch();
        options.MaximumNumberOfIterations = 40;
        options.ValidationData = IrisRows.AllLabeled(ml);
        options.ValidationPatience = 2;
        var model = ml.SemiSupervised.FixMatch(options).Fit(IrisRows.PartlyLabeled(ml));
        var report = model.Report;

        int best = Assert.NotNull(report.BestEpoch);
        double bestAccuracy = report.Epochs.Max(e => e.ValidationAccuracy!.Value);
        Assert.Equal(bestAccuracy, report.Epochs[best - 1].ValidationAccuracy);
        if (report.StopReason == NeuralStopReason.EarlyStopped)
            Assert.Equal(best + 2, report.Epochs.Count);
        else
            Assert.Equal(40, report.Epochs.Count);
        // The model keeps the best epoch's weights: its accuracy on the validation rows is the best one.
        var accuracy = ml.MulticlassClassification.Evaluate(model.Transform(IrisRows.AllLabeled(ml))).MicroAccuracy;
        Assert.Equal(bestAccuracy, accuracy, 10);
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}

using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.TriTraining;

/// <summary>Tri-training's defaults, errors (texts pinned) and round semantics.</summary>
public sealed class TriTrainingBehaviourTests
{
    private static TriTrainingEstimator Iris(MLContext ml, TriTrainingOptions options) =>
        ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), options);

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new TriTrainingOptions();
        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal("Features", options.FeatureColumnName);
        Assert.Equal(20, options.MaximumNumberOfIterations);
        Assert.Null(options.Seed);
        Assert.False(options.CheckDistributionShift);
        Assert.Null(options.IterationCompleted);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsListingEveryError()
    {
        var ml = new MLContext(1);
        var e = Assert.Throws<ArgumentException>(() => Iris(ml, new TriTrainingOptions { FeatureColumnName = " ", MaximumNumberOfIterations = -2 }));
        Assert.Equal("Invalid tri-training options: FeatureColumnName must name a column; got ' '. MaximumNumberOfIterations must be null (no limit) or non-negative; got -2.", e.Message);
    }

    [Fact]
    public void Fit_BadLabels_Throw()
    {
        var ml = new MLContext(1);
        IDataView Rows(params (float Label, float[] Features)[] rows) => DataViews.Load(ml, rows.Select(r => new FloatLabelRow { Label = r.Label, Features = r.Features }), 2);
        var none = Assert.Throws<ArgumentException>(() => Iris(ml, new TriTrainingOptions()).Fit(Rows((float.NaN, [1f, 2f]), (float.NaN, [2f, 1f]))));
        Assert.Equal("Label column 'Label' has no labeled rows: every value is missing (NaN, the missing key, or empty or whitespace-only text). Label at least one row of each class.", none.Message);
        var one = Assert.Throws<ArgumentException>(() => Iris(ml, new TriTrainingOptions()).Fit(Rows((1f, [1f, 2f]), (1f, [2f, 1f]), (float.NaN, [2f, 2f]))));
        Assert.Equal("Label column 'Label' has labeled rows of one class only ('1'). Label at least one row of a second class: a classifier cannot learn from one class.", one.Message);
    }

    [Fact]
    public void Create_TrainerReadingAnotherColumn_Throws()
    {
        var ml = new MLContext(1);
        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Pixels"), new TriTrainingOptions()));
        Assert.Equal("The inner trainer reads feature column 'Pixels', but tri-training was given feature column 'Features'. Give both the same name.", e.Message);
    }

    [Fact]
    public void Fit_Rounds_FollowThePaperConditions()
    {
        var ml = new MLContext(1);
        var (data, classes, _) = IrisData.PartlyLabeled(ml, 4);
        var report = Iris(ml, new TriTrainingOptions { Seed = 3, MaximumNumberOfIterations = null }).Fit(data).Report;

        Assert.Equal(TriTrainingStopReason.NoChange, report.StopReason);
        Assert.All(report.Iterations[^1].Updated, Assert.False);
        var lastError = new double[] { 0.5, 0.5, 0.5 };
        foreach (var round in report.Iterations)
        {
            for (int i = 0; i < 3; i++)
            {
                // A model is updated only when the other two's error fell below its last update's; its rows are the
                // unlabeled rows on which the other two agree (all of them or a subsample).
                if (round.Updated[i])
                {
                    Assert.True(round.ErrorEstimates[i] < lastError[i]);
                    Assert.InRange(round.AddedPerModelAndClass[i].Sum(), 1, (int)Math.Round(round.AgreementRates[i] * 138));
                    lastError[i] = round.ErrorEstimates[i];
                }
                else
                {
                    Assert.Equal(0, round.AddedPerModelAndClass[i].Sum());
                }
            }
        }
        Assert.Equal(12, report.LabeledCount);
        Assert.Equal(138, report.UnlabeledCount);
    }

    [Fact]
    public void Fit_SameSeedSameModel_LogAndCallback()
    {
        var (data, _, _) = IrisData.PartlyLabeled(new MLContext(1), 4);
        var messages = new List<string>();
        var rounds = new List<TriTrainingIteration>();
        float[] Run(int seed, bool watch)
        {
            var ml = new MLContext(seed);
            if (watch)
            {
                ml.Log += (_, e) =>
                {
                    lock (messages)
                        messages.Add(e.Message);
                };
            }
            var options = new TriTrainingOptions { MaximumNumberOfIterations = 3, IterationCompleted = watch ? rounds.Add : null };
            return IrisData.Scores(Iris(ml, options).Fit(data), data);
        }
        Assert.Equal(Run(5, watch: true), Run(5, watch: false));
        Assert.NotEqual(Run(5, watch: false), Run(6, watch: false));
        Assert.NotEmpty(rounds);
        Assert.Contains(messages, m => m.Contains("Tri-training on 12 labeled rows and 138 unlabeled rows."));
        Assert.Contains(messages, m => m.Contains($"tri-training: {rounds.Count} round(s), stopped: "));
        Assert.Contains(messages, m => m.Contains("round 1: model 1 "));
    }

    [Fact]
    public void Fit_ZeroRounds_KeepsTheBootstrapModels()
    {
        var ml = new MLContext(1);
        var (data, classes, _) = IrisData.PartlyLabeled(ml, 5);
        var result = Iris(ml, new TriTrainingOptions { MaximumNumberOfIterations = 0, Seed = 1 }).Fit(data);
        Assert.Equal(0, result.Report.NumberOfIterations);
        Assert.Equal(TriTrainingStopReason.MaximumIterationsReached, result.Report.StopReason);
        Assert.True(Accuracy.Of(result, data, classes) > 0.8);
    }
}

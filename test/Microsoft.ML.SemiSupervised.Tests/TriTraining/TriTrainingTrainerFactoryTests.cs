using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.TriTraining;

/// <summary>Tri-training with a trainer factory: a new inner trainer for every fit; a warning for one reused SDCA instance.</summary>
public sealed class TriTrainingTrainerFactoryTests
{
    [Fact]
    public void Fit_TrainerFactory_CreatesANewTrainerForEveryFit()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var created = new List<CountingTrainer>();
        var estimator = ml.SemiSupervised.TriTraining(() => { var t = new CountingTrainer(ml); created.Add(t); return t; },
            new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 3 });
        Assert.Single(created); // one to check its columns

        var report = estimator.Fit(data).Report;

        // Three bootstrap fits, then one fit per model updated in a round: each fit by a trainer of its own.
        int fits = 3 + report.Iterations.Sum(r => r.Updated.Count(u => u));
        Assert.True(fits > 3, "the test needs a round that updates a model");
        Assert.Equal(1 + fits, created.Count);
        Assert.Equal(0, created[0].FitCount);
        Assert.All(created.Skip(1), t => Assert.Equal(1, t.FitCount));
    }

    [Fact]
    public void Fit_SdcaInstance_WarnsThatItKeepsItsFirstTuning()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Runtime.ChannelMessageKind.Warning) warnings.Add(e.Message); };
        var options = new TriTrainingOptions { Seed = 1, MaximumNumberOfIterations = 1 };

        ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(), options).Fit(data);
        ml.SemiSupervised.TriTraining(() => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(), options).Fit(data);

        var warning = Assert.Single(warnings, w => w.Contains("tunes its regularization"));
        Assert.Contains("SdcaMaximumEntropyMulticlassTrainer tunes its regularization and number of iterations on its first fit and keeps them, "
            + "so every later tri-training fit reuses what suited the first fit's rows", warning);
        Assert.Contains("TriTraining(() => mlContext....Sdca...(), ...)", warning);
    }
}

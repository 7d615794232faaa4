using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>Co-training with trainer factories: a new inner trainer for every fit; a warning for one reused SDCA instance.</summary>
public sealed class CoTrainingTrainerFactoryTests
{
    [Fact]
    public void Fit_TrainerFactories_CreateANewTrainerForEveryFit()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var first = new List<CountingTrainer>();
        var second = new List<CountingTrainer>();
        var estimator = ml.SemiSupervised.CoTraining(
            () => { var t = new CountingTrainer(ml); first.Add(t); return t; },
            () => { var t = new CountingTrainer(ml); second.Add(t); return t; },
            new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 3 });
        Assert.Equal((1, 1), (first.Count, second.Count)); // one each to check its columns

        var report = estimator.Fit(data).Report;

        // Each round fits each view once, and a last fit gives each view's model: each fit by a trainer of its own.
        Assert.True(report.NumberOfIterations > 0);
        Assert.Equal(1 + report.NumberOfIterations + 1, first.Count);
        Assert.Equal(1 + report.NumberOfIterations + 1, second.Count);
        Assert.All(first.Skip(1).Concat(second.Skip(1)), t => Assert.Equal(1, t.FitCount));
        Assert.Equal(0, first[0].FitCount);
        Assert.Equal(0, second[0].FitCount);
    }

    [Fact]
    public void Fit_SdcaInstance_WarnsThatItKeepsItsFirstTuning()
    {
        var ml = new MLContext(1);
        var (data, _, _) = IrisData.PartlyLabeled(ml, 5);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Runtime.ChannelMessageKind.Warning) warnings.Add(e.Message); };
        var options = new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 1 };

        ml.SemiSupervised.CoTraining(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(), ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(), options).Fit(data);
        ml.SemiSupervised.CoTraining(() => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(), () => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(), options).Fit(data);

        var warning = Assert.Single(warnings, w => w.Contains("tunes its regularization"));
        Assert.Contains("SdcaMaximumEntropyMulticlassTrainer tunes its regularization and number of iterations on its first fit and keeps them, "
            + "so every later co-training fit reuses what suited the first fit's rows", warning);
        Assert.Contains("CoTraining(() => mlContext....Sdca...(), () => mlContext....Sdca...(), ...)", warning);
    }

    [Fact]
    public void Create_FactoryReturningNull_Throws()
    {
        var ml = new MLContext(1);

        var e = Assert.Throws<InvalidOperationException>(() => ml.SemiSupervised.CoTraining(() => new CountingTrainer(ml), () => (CountingTrainer)null!));

        Assert.Equal("The inner trainer factory returned null; it must create a new trainer each time it is called.", e.Message);
    }
}

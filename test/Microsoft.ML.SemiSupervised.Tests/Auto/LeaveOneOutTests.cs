using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Tests.Auto;

/// <summary>
/// Leave-one-out cross-validation with few labels (<c>AutoOptions.LeaveOneOutWithFewLabels</c>, a measurement switch,
/// off): when it applies, its folds and its bound on hand-made numbers, and on moons with 4 labels the reason it stays
/// off: its folds say label spreading wins where the test rows say it loses (docs/auto.md).
/// </summary>
public sealed class LeaveOneOutTests
{
    private static LabelSet Labels(params int[] classes) => new(ClassCatalog.ForKey(new KeyDataViewType(typeof(uint), 3), null), classes);

    [Fact]
    public void LeaveOneOut_GivesEveryLabeledRowItsOwnFoldAndUnlabeledRowsNone()
    {
        Assert.Equal([0, -1, 1, 2, -1, 3], AutoSelection.LeaveOneOut([2, -1, 0, 0, -1, 2]));
    }

    [Fact]
    public void UsesLeaveOneOut_OnlyWhenAskedAndAClassIsShortOfFoldsAndItCostsNoMoreFits()
    {
        var twoPerClass = Labels(0, 0, 1, 1, 2, 2, -1, -1);
        var asked = new AutoOptions { LeaveOneOutWithFewLabels = true };

        Assert.True(AutoSelection.UsesLeaveOneOut(twoPerClass, asked));
        Assert.False(AutoSelection.UsesLeaveOneOut(twoPerClass, new AutoOptions()));
        // A single label in a class: nothing to cross-validate, leave-one-out or not.
        Assert.False(AutoSelection.UsesLeaveOneOut(Labels(0, 0, 1, 1, 2, -1), asked));
        // Every class has NumberOfFolds labels: the folds as asked.
        Assert.False(AutoSelection.UsesLeaveOneOut(Labels([.. Enumerable.Repeat(0, 5), .. Enumerable.Repeat(1, 5), -1]), asked));
        // 21 labeled rows cost more fits than 5 folds x 4 repeats.
        Assert.False(AutoSelection.UsesLeaveOneOut(Labels([0, 0, .. Enumerable.Repeat(1, 19), -1]), asked));
        Assert.True(AutoSelection.UsesLeaveOneOut(Labels([0, 0, .. Enumerable.Repeat(1, 18), -1]), asked));
    }

    [Fact]
    public void LowerBound_SixOneRowFolds_FiveWinsPassFourDoNot()
    {
        // One-row folds: the variance is the binomial floor, q * 4p(1 - p) with q = (b + c + 1) / (n + 2) and
        // p = (b + 1) / (b + c + 2), times 1/6 + 1/5 (Nadeau-Bengio for one held-out row of 6), Student's t with 5 degrees of freedom.
        static PairedFoldEvidence Wins(int wins) => new(
            Enumerable.Range(0, 6).Select(i => i < wins ? 1.0 : 0.0).ToArray(), new double[6],
            Enumerable.Range(0, 6).Select(i => (i < wins ? 1 : 0, 0, 1)).ToArray(), foldsPerRepeat: 6);

        Assert.Equal(0.093797, CorrectedBoundRule.LowerBound(Wins(5), 0.95), 5);
        Assert.Equal(-0.052327, CorrectedBoundRule.LowerBound(Wins(4), 0.95), 5);
    }

    [Fact]
    public void Fit_MoonsWithFourLabels_LeaveOneOutSaysSpreadingWinsWhereTheTestRowsSayItLoses()
    {
        // The auto-table runner's moons, L1 = 0, 1 % labels, seed 1: 2 labels a class. Leaving one out leaves its
        // class a single label, which costs the regularized trainer the held-out row; label spreading keeps it.
        const int seed = 1;
        var ml = new MLContext(seed);
        var data = AutoData.MaxAbsScaled(CsvDataSet.Load("moons_seed", "TrueLabel", "Label"));
        var (train, _, split) = AutoData.Split(ml, data, labeledFraction: 0.01, seed);
        Func<ITrainerEstimator<BinaryPredictionTransformer<Calibrators.CalibratedModelParametersBase<LinearBinaryModelParameters, Calibrators.PlattCalibrator>>,
            Calibrators.CalibratedModelParametersBase<LinearBinaryModelParameters, Calibrators.PlattCalibrator>>> trainer =
            () => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l1Regularization: 0, l2Regularization: 1);
        var folds = new AutoOptions { Seed = seed };
        var leaveOneOut = new AutoOptions { Seed = seed, LeaveOneOutWithFewLabels = true };
        var trainers = TrainerSource<BinaryPredictionTransformer<Calibrators.CalibratedModelParametersBase<LinearBinaryModelParameters, Calibrators.PlattCalibrator>>>.From(trainer);
        double supervised = AutoData.TestAccuracy(ml, AutoCandidates.Supervised(ml, trainers, LabelTask.Binary, folds)().Fit(train), data, split);
        var spreading = AutoCandidates.Defaults<BinaryPredictionTransformer<Calibrators.CalibratedModelParametersBase<LinearBinaryModelParameters, Calibrators.PlattCalibrator>>,
            Calibrators.CalibratedModelParametersBase<LinearBinaryModelParameters, Calibrators.PlattCalibrator>>(ml, trainers, TrainerSource<ITransformer>.From(trainer), LabelTask.Binary, folds)
            .Single(c => c.Name == "LabelSpreadingThenTrainer");
        double spreadingAlone = AutoData.TestAccuracy(ml, spreading.Create(seed).Fit(train), data, split);

        var byFolds = ml.SemiSupervised.Auto(trainer, folds).Fit(train).Report;
        var byLeaveOneOut = ml.SemiSupervised.Auto(trainer, leaveOneOut).Fit(train).Report;

        Assert.Equal(4, split.LabeledCount);
        Assert.True(spreadingAlone < supervised, $"spreading {spreadingAlone:F3}, supervised {supervised:F3}");
        Assert.Equal(2, byFolds.NumberOfFolds);
        Assert.Equal((4, 1), (byLeaveOneOut.NumberOfFolds, byLeaveOneOut.NumberOfRepeats));
        var foldEvidence = byFolds.Candidates.Single(c => c.Name == "LabelSpreadingThenTrainer");
        var leaveOneOutEvidence = byLeaveOneOut.Candidates.Single(c => c.Name == "LabelSpreadingThenTrainer");
        Assert.True(foldEvidence.Difference <= 0, foldEvidence.ToString());
        Assert.True(leaveOneOutEvidence.Difference >= 0.5, leaveOneOutEvidence.ToString());
        // 4 one-row folds are too few for the bound: both fall back, the leave-one-out evidence only by its size.
        Assert.True(byFolds.IsSupervised && byLeaveOneOut.IsSupervised, byLeaveOneOut.ToString());
    }
}

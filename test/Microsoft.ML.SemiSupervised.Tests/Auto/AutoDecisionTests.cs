using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Auto;

/// <summary>What Auto chooses: a semi-supervised candidate where unlabeled rows help, the supervised trainer where they cannot or look shifted.</summary>
public sealed class AutoDecisionTests
{
    [Fact]
    public void Fit_ClustersWithATreeLearner_ChoosesACandidateThatBeatsTheSupervisedTrainer()
    {
        var ml = new MLContext(1);
        var data = GeneratedDataSets.Clusters(1000, seed: 1);
        var (train, _, split) = AutoData.Split(ml, data, labeledFraction: 0.2, seed: 1);
        double supervised = AutoData.SupervisedAccuracy(ml, AutoData.FastTree(ml)(), data, split);

        var model = ml.SemiSupervised.Auto(AutoData.FastTree(ml), new AutoOptions { Seed = 1, MaximumNumberOfIterations = 1 }).Fit(train);
        double auto = AutoData.TestAccuracy(ml, model, data, split);

        Assert.False(model.Report.IsSupervised, model.Report.ToString());
        Assert.True(auto >= supervised + 0.05, $"auto {auto:F3}, supervised {supervised:F3}: {model.Report}");
        var chosen = model.Report.Candidates.Single(c => c.Name == model.Report.ChosenCandidate);
        Assert.True(chosen.LowerConfidenceBound > 0);
        Assert.Equal(model.Report.NumberOfFolds * model.Report.NumberOfRepeats, chosen.FoldAccuracies.Count);
    }

    [Fact]
    public void Fit_OverlappingClasses_FallsBackToTheSupervisedTrainer()
    {
        var ml = new MLContext(1);
        var data = GeneratedDataSets.Overlapping(600, seed: 1);
        var (train, _, split) = AutoData.Split(ml, data, labeledFraction: 0.1, seed: 1);
        double supervised = AutoData.SupervisedAccuracy(ml, AutoData.Logistic(ml)(), data, split);

        var model = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, MaximumNumberOfIterations = 3 }).Fit(train);

        Assert.True(model.Report.IsSupervised, model.Report.ToString());
        Assert.StartsWith("no candidate beat the supervised trainer", model.Report.Reason);
        Assert.All(model.Report.Candidates, c => Assert.True(c.WasEvaluated && c.LowerConfidenceBound <= 0, c.ToString()));
        Assert.Equal(supervised, AutoData.TestAccuracy(ml, model, data, split), 6);
    }

    [Fact]
    public void Fit_ShiftedUnlabeledRows_FallsBackWithTheReason()
    {
        var ml = new MLContext(1);
        var train = Shifted(ml, GeneratedDataSets.Clusters(300, seed: 2));

        var model = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1 }).Fit(train);

        Assert.True(model.Report.IsSupervised);
        Assert.True(model.Report.DistributionShift!.IsShifted);
        Assert.StartsWith("the unlabeled rows look like another distribution (AUC ", model.Report.Reason);
        Assert.Contains(FormattableString.Invariant($", p {model.Report.DistributionShift.PValue:0.####})"), model.Report.Reason);
        Assert.EndsWith("set UseShiftedUnlabeledRows to use them all the same", model.Report.Reason);
        Assert.All(model.Report.Candidates, c => Assert.StartsWith("not evaluated: the unlabeled rows look like another distribution", c.SkipReason));
        Assert.Equal(1, model.Report.NumberOfFits);
    }

    [Fact]
    public void Fit_FourLabeledRowsWhoseShiftAucIsHighByChance_CrossValidatesInsteadOfRefusingTheUnlabeledRows()
    {
        // Moons at 1 % labels, seed 8 (issue 11's held-out table): 4 labeled rows drawn at random, a shift AUC above
        // 0.7 by chance. Before the check's p-value Auto refused the unlabeled rows as "another distribution".
        var ml = new MLContext(8);
        var (train, _, _) = AutoData.Split(ml, AutoData.MaxAbsScaled(CsvDataSet.Load("moons_seed", "TrueLabel", "Label")), 0.01, 8);

        var model = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 8, MaximumNumberOfIterations = 3 }).Fit(train);

        var shift = model.Report.DistributionShift!;
        Assert.True(shift.Auc >= shift.Threshold && !shift.IsShifted, shift.ToString());
        Assert.Equal(AutoEvidence.CrossValidation, model.Report.Evidence);
        Assert.DoesNotContain("another distribution", model.Report.Reason);
        Assert.All(model.Report.Candidates, c => Assert.True(c.WasEvaluated, c.ToString()));
    }

    [Fact]
    public void Fit_ShiftedUnlabeledRowsAllowed_EvaluatesTheCandidates()
    {
        var ml = new MLContext(1);
        var train = Shifted(ml, GeneratedDataSets.Clusters(300, seed: 2));

        var model = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, UseShiftedUnlabeledRows = true, MaximumNumberOfIterations = 2 }).Fit(train);

        Assert.True(model.Report.DistributionShift!.IsShifted);
        Assert.All(model.Report.Candidates, c => Assert.True(c.WasEvaluated, c.ToString()));
    }

    [Fact]
    public void Fit_OneFeatureSlot_SkipsCoTrainingWithTheReason()
    {
        var ml = new MLContext(1);
        var data = GeneratedDataSets.Overlapping(200, seed: 3);
        var oneFeature = CsvDataSet.FromRows("one", data.Features.Select(f => new[] { f[0] }).ToArray(), data.Labels);
        var (train, _, _) = AutoData.Split(ml, oneFeature, labeledFraction: 0.2, seed: 1);

        var model = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, MaximumNumberOfIterations = 2 }).Fit(train);

        var coTraining = model.Report.Candidates.Single(c => c.Name == "CoTraining");
        Assert.Equal("co-training splits the features into two views and needs at least 2 feature slots; column 'Features' has 1", coTraining.SkipReason);
        Assert.Empty(coTraining.FoldAccuracies);
        Assert.True(double.IsNaN(coTraining.Difference));
        Assert.All(model.Report.Candidates.Where(c => c.Name != "CoTraining"), c => Assert.True(c.WasEvaluated, c.ToString()));
    }

    [Fact]
    public void Fit_NoUnlabeledRows_FitsTheSupervisedTrainerOnce()
    {
        var ml = new MLContext(1);
        var data = GeneratedDataSets.Overlapping(100, seed: 4);
        var train = DataViews.Load(ml, data.Labels.Select((l, r) => new FloatLabelRow { Label = l, Features = data.Features[r] }), 2);

        var report = ml.SemiSupervised.Auto(AutoData.Logistic(ml)).Fit(train).Report;

        Assert.True(report.IsSupervised);
        Assert.Equal("the data has no unlabeled rows", report.Reason);
        Assert.Null(report.DistributionShift);
        Assert.Equal(1, report.NumberOfFits);
        Assert.Equal(0, report.NumberOfFolds);
    }

    [Fact]
    public void Fit_AClassWithOneLabel_FallsBackWithoutCrossValidation()
    {
        var ml = new MLContext(1);
        var data = GeneratedDataSets.Overlapping(100, seed: 5);
        var (train, _, _) = AutoData.Split(ml, data, labeledFraction: 0.01, seed: 1);

        var report = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, ReverseValidationWithSingleLabelClasses = false }).Fit(train).Report;

        Assert.True(report.IsSupervised);
        Assert.StartsWith("a class has a single labeled row", report.Reason);
        Assert.Equal(1, report.NumberOfFits);
    }

    [Fact]
    public void Fit_DecisionAndEvidence_GoToTheLog()
    {
        var ml = new MLContext(1);
        var messages = new List<string>();
        ml.Log += (_, e) => messages.Add(e.RawMessage);
        var (train, _, _) = AutoData.Split(ml, GeneratedDataSets.Overlapping(300, seed: 6), labeledFraction: 0.2, seed: 1);

        var report = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, MaximumNumberOfIterations = 2 }).Fit(train).Report;

        Assert.Equal(AutoDecisionRule.CorrectedBound, report.DecisionRule);
        Assert.Contains(messages, m => m.StartsWith("auto: supervised accuracy ", StringComparison.Ordinal) && m.Contains("; rule CorrectedBound: corrected resampled t lower bound", StringComparison.Ordinal));
        foreach (var candidate in report.Candidates)
            Assert.Contains("auto: " + candidate, messages);
        Assert.Contains(messages, m => m.StartsWith($"auto: chose {report.ChosenCandidate} (rule CorrectedBound): " + report.Reason, StringComparison.Ordinal));
    }

    /// <summary>The labeled rows as they are, the unlabeled rows moved 5 units along both axes.</summary>
    private static IDataView Shifted(MLContext ml, CsvDataSet data) =>
        DataViews.Load(ml, data.Labels.Select((l, r) => r % 4 == 0
            ? new FloatLabelRow { Label = l, Features = data.Features[r] }
            : new FloatLabelRow { Label = float.NaN, Features = data.Features[r].Select(v => v + 5).ToArray() }), 2);
}

using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Auto;

/// <summary>The fitted model and its report: save and load, budgets, cancellation, user candidates, bad input.</summary>
public sealed class AutoModelTests
{
    [Fact]
    public void SaveAndLoad_GiveTheChosenModelsPredictions()
    {
        var ml = new MLContext(1);
        var (train, test, _) = AutoData.Split(ml, GeneratedDataSets.Overlapping(200, seed: 7), labeledFraction: 0.2, seed: 1);
        var model = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, MaximumNumberOfIterations = 2 }).Fit(train);
        using var stream = new MemoryStream();

        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(2).Model.Load(stream, out _);

        Assert.Equal(model.Transform(test).GetColumn<float>("Score").ToArray(), loaded.Transform(test).GetColumn<float>("Score").ToArray());
        Assert.Equal(model.Model.Transform(test).GetColumn<float>("Score").ToArray(), model.Transform(test).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void Fit_FitBudget_StopsTheCrossValidationAndSaysWhy()
    {
        var ml = new MLContext(1);
        var (train, _, _) = AutoData.Split(ml, GeneratedDataSets.Overlapping(200, seed: 8), labeledFraction: 0.2, seed: 1);

        var report = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, MaximumNumberOfFits = 14, MaximumNumberOfIterations = 2 }).Fit(train).Report;

        // 10 supervised fits, 4 of the first candidate's 10: it and every later candidate are skipped; the final fit runs.
        Assert.Equal(15, report.NumberOfFits);
        Assert.True(report.IsSupervised);
        Assert.All(report.Candidates, c => Assert.Equal("the fit budget ran out (MaximumNumberOfFits is 14)", c.SkipReason));
        Assert.Equal("no candidate could be evaluated (see each candidate's reason)", report.Reason);
    }

    [Fact]
    public void Fit_TimeBudgetSpent_SkipsEveryCandidate()
    {
        var ml = new MLContext(1);
        var (train, _, _) = AutoData.Split(ml, GeneratedDataSets.Overlapping(200, seed: 8), labeledFraction: 0.2, seed: 1);

        var report = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, TimeBudget = TimeSpan.FromTicks(1) }).Fit(train).Report;

        Assert.True(report.IsSupervised);
        Assert.StartsWith("the time budget ran out (TimeBudget is 0 s) before the supervised trainer was cross-validated", report.Reason);
        Assert.Equal(1, report.NumberOfFits);
    }

    [Fact]
    public void Fit_CancelledAfterTheFirstCandidate_StopsBeforeTheNext()
    {
        var ml = new MLContext(1);
        var (train, _, _) = AutoData.Split(ml, GeneratedDataSets.Overlapping(200, seed: 9), labeledFraction: 0.2, seed: 1);
        using var source = new CancellationTokenSource();
        var seen = new List<string>();
        var options = new AutoOptions { Seed = 1, MaximumNumberOfIterations = 2, CancellationToken = source.Token, IterationCompleted = c => { seen.Add(c.Name); source.Cancel(); } };

        Assert.ThrowsAny<OperationCanceledException>(() => ml.SemiSupervised.Auto(AutoData.Logistic(ml), options).Fit(train));

        Assert.Equal(["SelfTraining"], seen);
    }

    [Fact]
    public void Fit_UserCandidateThatFails_IsSkippedWithItsMessage()
    {
        var ml = new MLContext(1);
        var (train, _, _) = AutoData.Split(ml, GeneratedDataSets.Overlapping(200, seed: 10), labeledFraction: 0.2, seed: 1);
        var failing = new AutoCandidate("Broken", ml.Transforms.Concatenate("Features", "Missing"));

        var report = ml.SemiSupervised.Auto(AutoData.Logistic(ml), new AutoOptions { Seed = 1, Candidates = [failing] }).Fit(train).Report;

        var result = Assert.Single(report.Candidates);
        Assert.StartsWith("its fit failed on fold 0: ", result.SkipReason);
        Assert.Contains("Missing", result.SkipReason);
        Assert.True(report.IsSupervised);
    }

    [Fact]
    public void Fit_TextLabel_IsRefusedWithTheFix()
    {
        var ml = new MLContext(1);
        var data = DataViews.Load(ml, Enumerable.Range(0, 20).Select(r => new TextLabelRow { Label = r % 3 == 0 ? "" : r % 2 == 0 ? "a" : "b", Features = [r, 1] }), 2);

        var error = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.Auto(AutoData.Logistic(ml)).Fit(data));

        Assert.Contains("Label", error.Message);
        Assert.Contains("MapValueToKey", error.Message);
    }

    [Fact]
    public void Fit_NaNFeature_IsRefusedNamingTheRow()
    {
        var ml = new MLContext(1);
        var data = DataViews.Load(ml, Enumerable.Range(0, 20).Select(r => new FloatLabelRow { Label = r % 3 == 0 ? float.NaN : r % 2, Features = [r == 7 ? float.NaN : r, 1] }), 2);

        var error = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.Auto(AutoData.Logistic(ml)).Fit(data));

        Assert.Contains("'Features'", error.Message);
        Assert.Contains("row 7", error.Message);
    }
}

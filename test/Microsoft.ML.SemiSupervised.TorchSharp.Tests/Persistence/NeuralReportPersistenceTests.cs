using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Persistence;

/// <summary>
/// A neural model carries its <see cref="NeuralReport"/> through save and load (kind "Neural" of the core's saved report
/// piece): <c>GetReport&lt;NeuralReport&gt;</c> reads it live and after loading in a fresh MLContext, exactly.
/// </summary>
public sealed class NeuralReportPersistenceTests
{
    [Fact]
    public void GetReport_LiveModel_ReturnsTheFitsReport()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.SemiSupervised.FixMatch(QuickOptions.FixMatch()).Fit(IrisRows.PartlyLabeled(ml));

        Assert.Same(model.Report, ml.SemiSupervised.GetReport<NeuralReport>(model));
    }

    [Fact]
    public void GetReport_SavedAndLoadedInFreshContext_EqualsTheLiveReport()
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var options = QuickOptions.FixMatch();
        options.ValidationData = IrisRows.AllLabeled(ml);
        var model = ml.SemiSupervised.FixMatch(options).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;

        var fresh = new MLContext(seed: 7);
        var loaded = fresh.Model.Load(stream, out _);
        var report = fresh.SemiSupervised.GetReport<NeuralReport>(loaded);

        Assert.NotNull(report);
        Assert.NotSame(model.Report, report);
        Assert.NotNull(report!.BestEpoch);
        Assert.All(report.Epochs, e => Assert.NotNull(e.ValidationAccuracy));
        Assert.Equal(ReportText.Describe(model.Report), ReportText.Describe(report));
    }

    /// <summary>
    /// test/data/neural_fixmatch_iris_report_v1.zip, saved with its report (report format v1, kind "Neural";
    /// test/data/PROVENANCE.md), gives back, loaded in a fresh MLContext, the report it was saved with.
    /// </summary>
    [Fact]
    public void Load_ReportFixtureV1_GetReportEqualsTheReportSavedWithIt()
    {
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, "data", NeuralFixture.ReportZipName), out _);

        var report = ml.SemiSupervised.GetReport<NeuralReport>(loaded);

        Assert.NotNull(report);
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", NeuralFixture.ReportTextName)), ReportText.Describe(report!));
    }

    /// <summary>The fixture saved before neural models carried their report loads, and carries none.</summary>
    [Fact]
    public void Load_FixtureV1SavedBeforeReports_CarriesNoReport()
    {
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, "data", NeuralFixture.ZipName), out _);

        Assert.Null(ml.SemiSupervised.GetReport<NeuralReport>(loaded));
    }
}

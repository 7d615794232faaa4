using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Reports;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.Reports;

/// <summary>
/// The saved report text (report format v1): every value comes back exactly, the awkward ones included (NaN AUC,
/// doubles without a short decimal form, null slots, text with quotes), and a text this library cannot read fails
/// with a message that says so.
/// </summary>
public sealed class ReportFormatTests
{
    private static DistributionShiftReport Shift(double auc) =>
        new(auc, [0.1 + 0.2, double.NaN, 1.0 / 3], 0.7, [new FeatureShift("pétale \"largeur\"", 3, -1e-300), new FeatureShift("Features[0]", 0, double.Epsilon)], 4, 11);

    public static TheoryData<string, object> Reports => new()
    {
        { "co-training, split view", new CoTrainingReport(["0", "1"],
            [new CoTrainingIteration(1, [[1, 2], [0, 3]], 2.0 / 3, 75, 20), new CoTrainingIteration(2, [[0, 0], [0, 0]], double.NaN, 0, 20)],
            CoTrainingStopReason.NoChange, [0, 1, -1, 2, 0], [1, 0, -1, 1, 0], [0, 2], [1, 3], calibrated: true, Shift(double.NaN)) },
        { "co-training, two view columns", new CoTrainingReport(["setosa", "versicolor", "virginica"], [], CoTrainingStopReason.NoUnlabeledRows,
            [0, 0], [2, 1], null, null, calibrated: false) },
        { "tri-training", new TriTrainingReport(["a", "b"],
            [new TriTrainingIteration(1, [[1, 0], [0, 0], [2, 2]], [0.5, 0.1 + 0.2, 0], [1, 0.25, 0.125], [true, false, true])],
            TriTrainingStopReason.MaximumIterationsReached, 12, 130, calibrated: true, Shift(0.8123456789012345)) },
        { "label propagation", new LabelPropagationReport(1000, false, 150, 15, 3, 4_000_000_000L, Shift(0.5)) },
        { "auto", new AutoReport(
            [new AutoCandidateResult("SelfTraining", null, [0.1 + 0.2, 1.0 / 3], [0.5, double.Epsilon], -1e-300, 1 - 0.05 / 3),
             new AutoCandidateResult("CoTraining \"views\"", "not evaluated: it needs \"two\" views", [], [], double.NaN, double.NaN)],
            "SelfTraining", "lower bound +0.1 points above 0 (98.33 %)", Shift(0.61), 5, 2, 23, TimeSpan.FromTicks(123_456_789_012L), AutoDecisionRule.CorrectedBoundFamilyWise) },
        { "auto, no cross-validation", new AutoReport([], "Supervised", "the data has no unlabeled rows", null, 0, 0, 1, TimeSpan.Zero, AutoDecisionRule.CorrectedBound) { Evidence = AutoEvidence.None } },
        { "auto, reverse validation", new AutoReport(
            [new AutoCandidateResult("LabelSpreadingThenTrainer", null, [1.0], [0.1], double.NaN, 0.95) { SignTestPValue = 1.0 / 512, FoldCounts = [(9, 0, 10)] },
             new AutoCandidateResult("TriTraining", "its fit failed: \"no\"", [], [], double.NaN, double.NaN)],
            "LabelSpreadingThenTrainer", "reverse validation (...): 9 rows to 0", Shift(0.52), 0, 0, 6, TimeSpan.FromTicks(47_000_000L), AutoDecisionRule.CorrectedBound)
            { Evidence = AutoEvidence.ReverseValidation } },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void WriteThenRead_GivesAnEqualReport(string name, object report)
    {
        var read = ReportReader.Read(ReportWriter.Write(report));

        Assert.IsType(report.GetType(), read);
        Assert.True(ReportText.Describe(report) == ReportText.Describe(read), name);
    }

    [Fact]
    public void Read_AutoReportSavedBeforeTheRuleWasRecorded_HasTheFamilyWiseRule()
    {
        var report = new AutoReport([], "Supervised", "the data has no unlabeled rows", null, 0, 0, 1, TimeSpan.Zero, AutoDecisionRule.CorrectedBound);
        var text = ReportWriter.Write(report).Replace(",\"decisionRule\":\"CorrectedBound\"", "", StringComparison.Ordinal);

        var read = (AutoReport)ReportReader.Read(text);

        Assert.DoesNotContain("decisionRule", text, StringComparison.Ordinal);
        Assert.Equal(AutoDecisionRule.CorrectedBoundFamilyWise, read.DecisionRule);
    }

    [Theory]
    [InlineData(5, AutoEvidence.CrossValidation)]
    [InlineData(0, AutoEvidence.None)]
    public void Read_AutoReportSavedBeforeTheEvidenceWasRecorded_HasCrossValidationWhenItHasFolds(int folds, AutoEvidence expected)
    {
        var report = new AutoReport([new AutoCandidateResult("SelfTraining", null, [0.5, 0.75], [0.5, 0.5], -0.1, 0.95) { FoldCounts = [(1, 1, 4), (1, 0, 4)] }],
            "Supervised", "no candidate beat the supervised trainer", null, folds, 1, 5, TimeSpan.Zero, AutoDecisionRule.CorrectedBound) { Evidence = AutoEvidence.ReverseValidation };
        var saved = ReportWriter.Write(report);
        // What the writer wrote before the evidence, the sign test and the counts were saved.
        var text = saved.Replace(",\"evidence\":\"ReverseValidation\"", "", StringComparison.Ordinal)
            .Replace(",\"signTestPValue\":\"NaN\"", "", StringComparison.Ordinal)
            .Replace(",\"foldCounts\":[[1,1,4],[1,0,4]]", "", StringComparison.Ordinal);

        var read = (AutoReport)ReportReader.Read(text);

        Assert.DoesNotContain("evidence", text, StringComparison.Ordinal);
        Assert.DoesNotContain("foldCounts", text, StringComparison.Ordinal);
        Assert.Contains("foldCounts", saved, StringComparison.Ordinal);
        Assert.Equal(expected, read.Evidence);
        Assert.Empty(read.Candidates[0].FoldCounts);
        Assert.True(double.IsNaN(read.Candidates[0].SignTestPValue));
    }

    [Fact]
    public void Read_NewerFormatVersion_SaysWhichVersionItReads()
    {
        var text = ReportWriter.Write(new LabelPropagationReport(1, true, 2, 1, 0, 2)).Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidOperationException>(() => ReportReader.Read(text));

        Assert.Equal("The model's report has report format version 2; this library reads version 1. Read it with the library version that saved the model.", e.Message);
    }

    /// <summary>
    /// A report of a package's kind (the neural package's "Neural") read in a process where that package is not loaded
    /// (this test project does not reference it): the message names the kind and the package to reference.
    /// </summary>
    [Fact]
    public void Read_KindOfAPackageNotLoaded_NamesThePackageToReference()
    {
        var text = "{\"version\":1,\"kind\":\"Neural\",\"package\":\"Microsoft.ML.SemiSupervised.TorchSharp\",\"method\":\"FixMatch\"}";

        var e = Assert.Throws<InvalidOperationException>(() => ReportReader.Read(text));

        Assert.Equal("The model's report is of kind 'Neural', which the package Microsoft.ML.SemiSupervised.TorchSharp reads, and " +
            "Microsoft.ML.SemiSupervised.TorchSharp is not loaded in this process. Reference the package Microsoft.ML.SemiSupervised.TorchSharp " +
            "(and call GetReport with its report type); the model's predictions do not depend on the report.", e.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":1,\"kind\":\"CoTraining\"}")]
    [InlineData("{\"version\":1,\"kind\":\"SelfTraining\"}")]
    [InlineData("[1]")]
    public void Read_UnreadableText_SaysTheModelStillPredicts(string text)
    {
        var e = Assert.Throws<InvalidOperationException>(() => ReportReader.Read(text));

        Assert.StartsWith("The report saved with the model is unreadable (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("); the model's predictions do not depend on it. Save the model again to carry a readable report.", e.Message, StringComparison.Ordinal);
    }
}

using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Auto;
using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Reports;
using Microsoft.ML.SemiSupervised.SelfTraining;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TriTraining;

namespace Microsoft.ML.SemiSupervised.Tests.Reports;

/// <summary>
/// <see cref="SemiSupervisedCatalog.GetReport{TReport}(ITransformer)"/>: the report belongs to the fitted model, live
/// or saved and loaded in a fresh MLContext (every count, round and shift result exactly), alone or inside a
/// pipeline; scoring a loaded model never reads it.
/// </summary>
public sealed class GetReportTests
{
    private static (MLContext Ml, IDataView Train, IDataView Test) Data(string name, int seed)
    {
        var data = CsvDataSet.Load(name);
        var split = SemiSupervisedSplit.Create(data, 0.1, seed: seed);
        var ml = new MLContext(seed);
        return (ml, DataViews.Train(ml, data, split), DataViews.Test(ml, data, split));
    }

    private static ITransformer SaveAndLoadInFreshContext(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        stream.Position = 0;
        return new MLContext(99).Model.Load(stream, out _);
    }

    private static CoTrainingTransformer CoTrainingWithShiftCheck(MLContext ml, IDataView train) => ml.SemiSupervised.CoTraining(
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
        new CoTrainingOptions { Seed = 1, MaximumNumberOfIterations = 3, CheckDistributionShift = true }).Fit(train);

    [Fact]
    public void SaveLoad_CoTraining_FreshContextReportEqualsTheFitReport()
    {
        var (ml, train, _) = Data("breast_cancer", 1);
        var model = CoTrainingWithShiftCheck(ml, train);
        Assert.NotNull(model.Report.DistributionShift);
        Assert.NotNull(model.Report.FirstViewSlots);

        var loaded = SaveAndLoadInFreshContext(ml, model, train.Schema);

        var report = new MLContext(7).SemiSupervised.GetReport<CoTrainingReport>(loaded);
        Assert.NotNull(report);
        Assert.NotSame(model.Report, report);
        Assert.Equal(ReportText.Describe(model.Report), ReportText.Describe(report!));
    }

    [Fact]
    public void SaveLoad_TriTraining_FreshContextReportEqualsTheFitReport()
    {
        var (ml, train, _) = Data("wine", 2);
        var model = ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            new TriTrainingOptions { Seed = 2, MaximumNumberOfIterations = 3, CheckDistributionShift = true }).Fit(train);
        Assert.NotNull(model.Report.DistributionShift);

        var loaded = SaveAndLoadInFreshContext(ml, model, train.Schema);

        var report = new MLContext(7).SemiSupervised.GetReport<TriTrainingReport>(loaded);
        Assert.NotNull(report);
        Assert.Equal(ReportText.Describe(model.Report), ReportText.Describe(report!));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SaveLoad_LabelSpreadingAndPropagation_FreshContextReportEqualsTheFitReport(bool spreading)
    {
        var (ml, train, _) = Data("iris", 3);
        var model = spreading
            ? ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Seed = 3, NumberOfNeighbors = 5, CheckDistributionShift = true }).Fit(train)
            : ml.SemiSupervised.LabelPropagation(new LabelPropagationOptions { Seed = 3, NumberOfNeighbors = 5, CheckDistributionShift = true }).Fit(train);
        Assert.NotNull(model.Report.DistributionShift);

        var loaded = SaveAndLoadInFreshContext(ml, model, train.Schema);

        var report = new MLContext(7).SemiSupervised.GetReport<LabelPropagationReport>(loaded);
        Assert.NotNull(report);
        Assert.Equal(ReportText.Describe(model.Report), ReportText.Describe(report!));
    }

    [Fact]
    public void SaveLoad_InsidePipeline_LoadedChainGivesTheReportAndThePredictions()
    {
        var (ml, train, test) = Data("breast_cancer", 4);
        var pipeline = ml.Transforms.NormalizeMinMax("Features").Append(ml.SemiSupervised.CoTraining(
            ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            new CoTrainingOptions { Seed = 4, MaximumNumberOfIterations = 2 }));
        var model = pipeline.Fit(train);

        var loaded = EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "Probability", "PredictedLabel");

        Assert.Same(model.LastTransformer.Report, ml.SemiSupervised.GetReport<CoTrainingReport>(model));
        Assert.Equal(ReportText.Describe(model.LastTransformer.Report), ReportText.Describe(ml.SemiSupervised.GetReport<CoTrainingReport>(loaded)!));
    }

    [Fact]
    public void GetReport_LiveModels_IsEachModelsOwnReport()
    {
        var (ml, train, _) = Data("iris", 5);
        var co = ml.SemiSupervised.CoTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            new CoTrainingOptions { Seed = 5, MaximumNumberOfIterations = 2 }).Fit(train);
        var tri = ml.SemiSupervised.TriTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), new TriTrainingOptions { Seed = 5, MaximumNumberOfIterations = 2 }).Fit(train);
        var graph = ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Seed = 5 }).Fit(train);

        Assert.Same(co.Report, ml.SemiSupervised.GetReport<CoTrainingReport>(co));
        Assert.Same(tri.Report, ml.SemiSupervised.GetReport<TriTrainingReport>(tri));
        Assert.Same(graph.Report, ml.SemiSupervised.GetReport<LabelPropagationReport>(graph));
        // Another kind's report: the model carries none.
        Assert.Null(ml.SemiSupervised.GetReport<TriTrainingReport>(co));
        Assert.Null(ml.SemiSupervised.GetReport<CoTrainingReport>(graph));
        Assert.Null(ml.SemiSupervised.GetReport<LabelPropagationReport>(SaveAndLoadInFreshContext(ml, tri, train.Schema)));
    }

    [Fact]
    public void GetReport_TypeNoModelCarries_ThrowsNamingTheReportTypes()
    {
        var (ml, train, _) = Data("iris", 6);
        var graph = ml.SemiSupervised.LabelSpreading().Fit(train);

        var e = Assert.Throws<ArgumentException>(() => ml.SemiSupervised.GetReport<SelfTrainingReport>(graph));

        Assert.Equal("GetReport reads a LabelPropagationReport, CoTrainingReport, TriTrainingReport or AutoReport; got SelfTrainingReport. " +
            "A self-training model is its inner trainer's own transformer: read its report where the fit returns it.", e.Message);
    }

    [Fact]
    public void GetReport_ChainOfTwoModelsOfOneKind_ThrowsAskingForEachModel()
    {
        var (ml, train, _) = Data("iris", 7);
        var first = ml.SemiSupervised.LabelSpreading().Fit(train);
        var second = ml.SemiSupervised.LabelPropagation().Fit(train);
        var chain = new TransformerChain<ITransformer>(first, second);

        var live = Assert.Throws<InvalidOperationException>(() => ml.SemiSupervised.GetReport<LabelPropagationReport>(chain));
        var loaded = Assert.Throws<InvalidOperationException>(() => ml.SemiSupervised.GetReport<LabelPropagationReport>(SaveAndLoadInFreshContext(ml, chain, train.Schema)));

        const string expected = "The model holds 2 reports of type LabelPropagationReport, one per fitted model in its chain; call GetReport on each of those models.";
        Assert.Equal(expected, live.Message);
        Assert.Equal(expected, loaded.Message);
    }

    [Fact]
    public void SaveLoad_Auto_FreshContextReportEqualsTheFitReport()
    {
        var ml = new MLContext(8);
        var data = GeneratedDataSets.Overlapping(200, seed: 7);
        var train = DataViews.Train(ml, data, SemiSupervisedSplit.Create(data, 0.2, seed: 8));
        var model = ml.SemiSupervised.Auto(() => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            new AutoOptions { Seed = 8, MaximumNumberOfIterations = 2, NumberOfRepeats = 1 }).Fit(train);
        Assert.NotEmpty(model.Report.Candidates);

        var loaded = SaveAndLoadInFreshContext(ml, model, train.Schema);

        Assert.Same(model.Report, ml.SemiSupervised.GetReport<AutoReport>(model));
        var report = new MLContext(7).SemiSupervised.GetReport<AutoReport>(loaded);
        Assert.NotNull(report);
        Assert.NotSame(model.Report, report);
        Assert.Equal(ReportText.Describe(model.Report), ReportText.Describe(report!));
    }

    [Fact]
    public void SaveLoad_AutoThatChoseCoTraining_CarriesBothReportsLiveAndLoaded()
    {
        var (ml, train, test) = Data("breast_cancer", 9);
        var co = CoTrainingWithShiftCheck(ml, train);
        var autoReport = new AutoReport([new AutoCandidateResult("CoTraining", null, [0.9, 0.95], [0.85, 0.9], 0.01, 0.99)], "CoTraining",
            "its lower bound is above 0", co.Report.DistributionShift, 2, 1, 3, TimeSpan.FromMilliseconds(1234.5), AutoDecisionRule.CorrectedBound);
        var model = new AutoTransformer(ml, co, autoReport);

        var loaded = EstimatorConformance.SaveLoadIdentical(ml, model, test, "Score", "Probability", "PredictedLabel");

        Assert.Same(autoReport, ml.SemiSupervised.GetReport<AutoReport>(model));
        Assert.Same(co.Report, ml.SemiSupervised.GetReport<CoTrainingReport>(model));
        var fresh = new MLContext(7);
        Assert.Equal(ReportText.Describe(autoReport), ReportText.Describe(fresh.SemiSupervised.GetReport<AutoReport>(loaded)!));
        Assert.Equal(ReportText.Describe(co.Report), ReportText.Describe(fresh.SemiSupervised.GetReport<CoTrainingReport>(loaded)!));
        Assert.Null(fresh.SemiSupervised.GetReport<TriTrainingReport>(loaded));
    }

    [Fact]
    public void Score_LoadedModel_NeverReadsTheReportAndShowsNoReportColumn()
    {
        var (ml, train, test) = Data("breast_cancer", 8);
        var loaded = SaveAndLoadInFreshContext(ml, CoTrainingWithShiftCheck(ml, train), train.Schema);
        long before = ReportKeyFactory.MapCount;

        var scored = loaded.Transform(test);
        int rows = scored.GetColumn<float>("Score").Count() + scored.GetColumn<bool>("PredictedLabel").Count();
        using (var cursor = scored.GetRowCursor(scored.Schema))
        {
            while (cursor.MoveNext())
                rows++;
        }
        var engine = ml.Model.CreatePredictionEngine<FloatLabelRow, BinaryPrediction>(loaded, inputSchemaDefinition: Definition(30));
        foreach (var features in test.GetColumn<float[]>("Features"))
        {
            engine.Predict(new FloatLabelRow { Features = features });
            rows++;
        }

        Assert.True(rows > 100);
        Assert.Equal(before, ReportKeyFactory.MapCount);
        Assert.DoesNotContain(scored.Schema, c => c.Name.StartsWith("__SemiSupervised", StringComparison.Ordinal));
    }

    private static SchemaDefinition Definition(int dimension)
    {
        var definition = SchemaDefinition.Create(typeof(FloatLabelRow));
        definition[nameof(FloatLabelRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return definition;
    }

    private sealed class BinaryPrediction
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }
    }
}

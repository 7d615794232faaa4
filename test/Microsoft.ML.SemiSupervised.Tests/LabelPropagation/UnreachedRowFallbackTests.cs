using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// The rows no labeled row reaches through the graph: the fallback labels every one of them, marks them with a
/// confidence below every reached row's, counts them in the report (saved with the model), and with few labels on real
/// data the new defaults (symmetric graph, fallback) label more rows right than the old ones (scikit-learn's setting).
/// </summary>
public sealed class UnreachedRowFallbackTests
{
    /// <summary>
    /// Two clusters 1000 apart, 20 rows each, labels on rows 0 (class 0) and 19 (class 1) of the first only: no graph of 3
    /// neighbours joins the clusters, directed or symmetric, so the second cluster is reached by the fallback alone.
    /// </summary>
    private static IDataView TwoClusters(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(
        Enumerable.Range(0, 40).Select(i => new GraphTestData.Row
        {
            Features = [i < 20 ? i * 0.1f : 1000 + i * 0.1f, 0],
            Label = i == 0 ? 0 : i == 19 ? 1 : float.NaN,
        }).ToArray(),
        Schema());

    [Theory]
    [InlineData(false, UnreachedRowFallback.NearestLabeledRow)]
    [InlineData(true, UnreachedRowFallback.NearestLabeledRow)]
    [InlineData(false, UnreachedRowFallback.NearestReachedRows)]
    [InlineData(true, UnreachedRowFallback.NearestReachedRows)]
    public void Fit_ClusterWithoutLabeledRow_FallbackLabelsEveryRowBelowEveryReachedRowsConfidence(bool spreading, UnreachedRowFallback fallback)
    {
        var mlContext = new MLContext(seed: 1);
        var data = TwoClusters(mlContext);
        GraphLabelingOptions options = spreading ? new LabelSpreadingOptions() : new LabelPropagationOptions();
        options.NumberOfNeighbors = 3;
        options.UnreachedRowFallback = fallback;
        FirstClusterFullyReached(options);

        var model = Fit(mlContext, options, data);
        var output = model.Transform(data);

        var labels = output.GetColumn<float>("PropagatedLabel").ToArray();
        var confidence = output.GetColumn<float>("Confidence").ToArray();
        var scores = output.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(20, model.Report.FallbackRowCount);
        Assert.Equal(0, model.Report.UnreachedRowCount);
        Assert.All(labels, label => Assert.False(float.IsNaN(label)));
        float lowestReached = confidence.Take(20).Min();
        Assert.All(confidence.Skip(20), c => Assert.True(c < lowestReached, $"fallback confidence {c} not below the reached rows' lowest {lowestReached}"));

        // Each fallback row's distribution is its rule's drawn toward uniform (u + share * (p - u)); the rule's class is kept.
        double uniform = 0.5;
        double share = Math.Max(0.01, (lowestReached - uniform) / (1 - uniform) / 2);
        var rule = fallback == UnreachedRowFallback.NearestLabeledRow
            ? new double[] { 0, 1 } // row 19 (class 1) is the labeled row nearest to every row of the second cluster
            : Average(scores[17], scores[18], scores[19]); // the 3 reached rows nearest to the second cluster
        Assert.All(Enumerable.Range(20, 20), i =>
        {
            Assert.Equal(rule[1] > rule[0] ? 1f : 0f, labels[i]);
            for (int c = 0; c < 2; c++)
                Assert.Equal(uniform + share * (rule[c] - uniform), scores[i][c], 5);
        });
    }

    [Fact]
    public void SaveLoad_FallbackRows_KeepTheirLabelsConfidenceAndReportCount()
    {
        var mlContext = new MLContext(seed: 1);
        var data = TwoClusters(mlContext);
        var options = new LabelSpreadingOptions { NumberOfNeighbors = 3 };
        FirstClusterFullyReached(options);
        var model = mlContext.SemiSupervised.LabelSpreading(options).Fit(data);
        Assert.Equal(20, model.Report.FallbackRowCount);
        var path = Path.Combine(Path.GetTempPath(), $"fallback-{Guid.NewGuid():N}.zip");
        try
        {
            mlContext.Model.Save(model, data.Schema, path);
            var fresh = new MLContext(seed: 2);
            var loaded = fresh.Model.Load(path, out _);

            var report = fresh.SemiSupervised.GetReport<LabelPropagationReport>(loaded);
            Assert.NotNull(report);
            Assert.Equal(20, report!.FallbackRowCount);
            Assert.Equal(ReportText.Describe(model.Report), ReportText.Describe(report));
            var expected = model.Transform(data);
            var actual = loaded.Transform(data);
            Assert.Equal(expected.GetColumn<float>("PropagatedLabel"), actual.GetColumn<float>("PropagatedLabel"));
            Assert.Equal(expected.GetColumn<float>("Confidence"), actual.GetColumn<float>("Confidence"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fit_FallbackOff_LeavesTheRowsUnlabeledAndCountsThem()
    {
        var mlContext = new MLContext(seed: 1);
        var data = TwoClusters(mlContext);

        var model = mlContext.SemiSupervised.LabelPropagation(new LabelPropagationOptions { NumberOfNeighbors = 3, UnreachedRowFallback = UnreachedRowFallback.None }).Fit(data);

        Assert.Equal(0, model.Report.FallbackRowCount);
        Assert.Equal(20, model.Report.UnreachedRowCount);
        Assert.All(model.Transform(data).GetColumn<float>("PropagatedLabel").Skip(20), label => Assert.True(float.IsNaN(label)));
    }

    [Theory]
    [InlineData("digits", true)]
    [InlineData("digits", false)]
    [InlineData("wine", true)]
    public void Fit_OnePercentLabeled_NewDefaultsBeatScikitLearnsSetting(string name, bool spreading)
    {
        // 1 % labels of a seeded split (docs/benchmarks.md, "Graph defaults", seed 1 of 3, features scaled as there).
        // Spreading: the directed graph leaves rows unreached (134 on digits, 16 on wine); propagation: its directed
        // graph reaches every row here, the symmetric graph labels them better.
        var mlContext = new MLContext(seed: 1);
        var set = CsvDataSet.Load(name);
        var split = SemiSupervisedSplit.Create(set, 0.01, seed: 1);
        var train = mlContext.Transforms.NormalizeMinMax("Features").Fit(DataViews.Train(mlContext, set, split)).Transform(DataViews.Train(mlContext, set, split));
        var truth = split.TrainRows.Select(r => set.Labels[r]).ToArray();
        GraphLabelingOptions oldDefaults = spreading ? ScikitLearnSetting.Spreading() : ScikitLearnSetting.Propagation();
        GraphLabelingOptions newDefaults = spreading ? new LabelSpreadingOptions() : new LabelPropagationOptions();

        var before = Fit(mlContext, oldDefaults, train);
        var after = Fit(mlContext, newDefaults, train);

        double accuracyBefore = UnlabeledAccuracy(before.Transform(train), truth, split.TrainLabeled);
        double accuracyAfter = UnlabeledAccuracy(after.Transform(train), truth, split.TrainLabeled);
        if (spreading)
            Assert.True(before.Report.UnreachedRowCount > 0, "the old defaults reached every row: not the case this tests");
        Assert.Equal(0, after.Report.UnreachedRowCount);
        Assert.True(accuracyAfter > accuracyBefore + 0.02, $"new defaults {accuracyAfter:P2}, old defaults {accuracyBefore:P2}");
    }

    /// <summary>
    /// Iterates long enough for the labels to cross the first cluster's chain of rows: label spreading's default
    /// tolerance stops it once the change is small, before its weight (Alpha per step) reaches the middle rows, which
    /// then count as unreached too (and the fallback labels them as well).
    /// </summary>
    private static void FirstClusterFullyReached(GraphLabelingOptions options)
    {
        options.Tolerance = 0;
        options.MaximumNumberOfIterations = 100;
    }

    private static LabelPropagationTransformer Fit(MLContext mlContext, GraphLabelingOptions options, IDataView data) => options is LabelSpreadingOptions spreading
        ? mlContext.SemiSupervised.LabelSpreading(spreading).Fit(data)
        : mlContext.SemiSupervised.LabelPropagation((LabelPropagationOptions)options).Fit(data);

    private static double UnlabeledAccuracy(IDataView output, int[] truth, bool[] labeled)
    {
        var predicted = GraphTestData.ReadClasses(output);
        var rows = Enumerable.Range(0, truth.Length).Where(i => !labeled[i]).ToArray();
        return rows.Count(i => predicted[i] == truth[i]) / (double)rows.Length;
    }

    private static double[] Average(params float[][] rows) =>
        Enumerable.Range(0, rows[0].Length).Select(c => rows.Average(r => (double)r[c])).ToArray();

    private static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(GraphTestData.Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2);
        return schema;
    }
}

using System.Reflection;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>Label propagation and label spreading use the options as they were when the estimator was created.</summary>
public sealed class LabelPropagationOptionsSnapshotTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fit_EveryOptionChangedAfterConstruction_FitsAsConstructed(bool spreading)
    {
        var mlContext = new MLContext(seed: 1);
        var data = GraphTestData.Moons().ToDataView(mlContext);
        var options = Options(spreading);
        var estimator = Create(mlContext, options);
        var expected = Create(mlContext, Options(spreading)).Fit(data).Transform(data);

        var before = Snapshot(options);
        Scramble(options);
        var after = Snapshot(options);
        var untouched = before.Keys.Where(name => Equals(before[name], after[name])).ToArray();
        Assert.True(untouched.Length == 0, "the test must change every option: " + string.Join(", ", untouched));

        var model = estimator.Fit(data);
        var actual = model.Transform(data);

        Assert.Null(model.Report.DistributionShift);
        foreach (var column in new[] { "PredictedLabel", "Score", "PropagatedLabel", "Confidence" })
            Assert.Equal(EstimatorConformance.Values(expected, column), EstimatorConformance.Values(actual, column));
        Assert.NotNull(estimator.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)).FirstOrDefault(c => c.Name == "PropagatedLabel").Name);
    }

    private static GraphLabelingOptions Options(bool spreading) => spreading
        ? new LabelSpreadingOptions { NumberOfNeighbors = 5, Alpha = 0.3, MaximumNumberOfIterations = 50 }
        : new LabelPropagationOptions { NumberOfNeighbors = 5, Kernel = LabelPropagationKernel.NearestNeighborsRbf };

    private static LabelPropagationEstimator Create(MLContext mlContext, GraphLabelingOptions options) => options is LabelSpreadingOptions spreading
        ? mlContext.SemiSupervised.LabelSpreading(spreading)
        : mlContext.SemiSupervised.LabelPropagation((LabelPropagationOptions)options);

    /// <summary>Sets every option to another value, most of them invalid.</summary>
    private static void Scramble(GraphLabelingOptions options)
    {
        options.LabelColumnName = "NoSuchLabel";
        options.FeatureColumnName = "NoSuchFeatures";
        options.PropagatedLabelColumnName = "";
        options.ConfidenceColumnName = "Other";
        options.Kernel = (LabelPropagationKernel)99;
        options.NumberOfNeighbors = -3;
        options.Gamma = -1;
        options.MaximumNumberOfIterations = 0;
        options.Tolerance = double.NaN;
        options.SymmetrizeGraph = !options.SymmetrizeGraph;
        options.UnreachedRowFallback = (UnreachedRowFallback)99;
        options.SelfLoops = !options.SelfLoops;
        options.NeighborSearch = (NeighborSearch)99;
        options.Metric = (NeighborMetric)99;
        options.ExactSearchRowLimit = -1;
        options.Seed = 12345;
        options.CheckDistributionShift = !options.CheckDistributionShift;
        options.CancellationToken = new CancellationToken(canceled: true);
        if (options is LabelSpreadingOptions spreading)
            spreading.Alpha = 5;
    }

    private static Dictionary<string, object?> Snapshot(GraphLabelingOptions options) =>
        options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, p => p.GetValue(options));
}

using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Tests.Graphs;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// Issue 8, items 1, 6 and 7: features that share a large offset, features whose squared distances overflow Single,
/// and the texts of the dense RBF refusal and of the unreached-rows warning.
/// </summary>
public sealed class LabelPropagationNumericsTests
{
    private readonly ITestOutputHelper _output;

    public LabelPropagationNumericsTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<bool, NeighborSearch, string> TranslationCases()
    {
        var cases = new TheoryData<bool, NeighborSearch, string>();
        foreach (bool spreading in new[] { true, false })
        {
            foreach (var search in new[] { NeighborSearch.Exact, NeighborSearch.Approximate })
            {
                foreach (var shift in new[] { "gps", "+1000", "+10000" })
                    cases.Add(spreading, search, shift);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(TranslationCases))]
    public void Fit_TranslatedMoons_GivesIdenticalOutputsOnFittedAndNewRows(bool spreading, NeighborSearch search, string shift)
    {
        // Moons and the same moons moved by a constant (exactly, see ExactTranslation); every 5th row is held out as new rows.
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var (scale, offset) = ExactTranslation.Named(shift);
        var (original, moved) = ExactTranslation.Translate(moons.Features, scale, offset);

        var expected = FitAndTransform(mlContext, moons.WithFeatures(original), spreading, search);
        var actual = FitAndTransform(mlContext, moons.WithFeatures(moved), spreading, search);

        Assert.True(expected.Accuracy >= 0.9, $"accuracy {expected.Accuracy:P2} on the unmoved rows");
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        Assert.Equal(expected.Fitted, actual.Fitted);
        Assert.Equal(expected.New, actual.New);
    }

    [Theory]
    [InlineData(true, "gps")]
    [InlineData(true, "+1000")]
    [InlineData(true, "+10000")]
    [InlineData(false, "gps")]
    [InlineData(false, "+1000")]
    [InlineData(false, "+10000")]
    public void Fit_MoonsShiftedAsInTheIssue_LabelsAsAccuratelyAsUnshifted(bool spreading, string shift)
    {
        // Issue 8's figures: label spreading with defaults 95.78 % unshifted, 48.4 % at GPS-like coordinates, 72 % at +1000,
        // 50.7 % at +10,000; label propagation 97.56 % unshifted, 49.1 % shifted. Shifted here in Single, as a user would:
        // Single rounds the shifted values themselves (to 0.001 at 10,000), so the shifted rows are compared with the same
        // rows moved back to the origin (exact in Single), and with the unshifted moons within one row's rounding.
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var (scale, offset) = ExactTranslation.Named(shift);
        var shifted = moons.Features.Select(r => r.Select((v, f) => (float)(scale[f] * v + offset[f])).ToArray()).ToArray();
        var movedBack = shifted.Select(r => r.Select((v, f) => v - (float)offset[f]).ToArray()).ToArray();

        double unshifted = Accuracy(mlContext, moons, spreading);
        double accuracy = Accuracy(mlContext, moons.WithFeatures(shifted), spreading);
        double atOrigin = Accuracy(mlContext, moons.WithFeatures(movedBack), spreading);
        _output.WriteLine($"{(spreading ? "spreading" : "propagation")} {shift}: {accuracy:P2} shifted, {atOrigin:P2} moved back, {unshifted:P2} unshifted");

        Assert.True(unshifted >= (spreading ? 0.9578 : 0.9756) - 0.005, $"unshifted accuracy {unshifted:P2}");
        Assert.Equal(atOrigin, accuracy);
        Assert.InRange(accuracy, unshifted - 1.5 / 450, unshifted + 1.5 / 450);
    }

    public static TheoryData<bool, NeighborSearch> EstimatorsAndSearches() => new()
    {
        { true, NeighborSearch.Exact }, { true, NeighborSearch.Approximate },
        { false, NeighborSearch.Exact }, { false, NeighborSearch.Approximate },
    };

    [Theory]
    [MemberData(nameof(EstimatorsAndSearches))]
    public void Fit_FeaturesBeyondTheSquareRootOfSingleMaxValue_GivesTheOutputsOfTheUnscaledRows(bool spreading, NeighborSearch search)
    {
        // Moons times 2^66 (7.4e19, exact in Single): squared distances overflow Single (3.4e38), which crashed Fit with an
        // AggregateException (issue 8, item 6). The kNN graph does not depend on the scale, so the outputs must not either.
        var mlContext = new MLContext(seed: 1);
        var moons = GraphTestData.Moons();
        var huge = moons.WithFeatures(moons.Features.Select(r => r.Select(v => (float)Math.ScaleB(v, 66)).ToArray()).ToArray());

        var expected = FitAndTransform(mlContext, moons, spreading, search);
        var actual = FitAndTransform(mlContext, huge, spreading, search);

        Assert.True(expected.Accuracy >= 0.9, $"accuracy {expected.Accuracy:P2} on the unscaled rows");
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        Assert.Equal(expected.Fitted, actual.Fitted);
        Assert.Equal(expected.New, actual.New);
    }

    [Fact]
    public void Fit_RbfKernelOver50000Rows_RefusesWithTheArrayLimitAndTheSparseKernels()
    {
        var mlContext = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 50_000).Select(i => new GraphTestData.Row { Features = [i], Label = i < 2 ? i : float.NaN });
        var data = mlContext.Data.LoadFromEnumerable(rows, Schema(1));

        var error = Assert.Throws<InvalidOperationException>(() =>
            mlContext.SemiSupervised.LabelPropagation(kernel: LabelPropagationKernel.Rbf).Fit(data));

        Assert.Equal(
            "A dense RBF graph over 50,000 rows needs 2,500,000,000 weights (10.0 GB), more than a .NET array can hold " +
            "(Array.MaxLength = 2,147,483,591 elements): the Rbf kernel takes at most 46,340 rows on any machine. " +
            "Use Kernel = LabelPropagationKernel.NearestNeighborsRbf (RBF weights on the NumberOfNeighbors nearest " +
            "neighbours only, a sparse graph) or Kernel = LabelPropagationKernel.NearestNeighbors.", error.Message);
    }

    [Fact]
    public void CheckFits_AtTheArrayLimit_AcceptsTheLastRowCountAndSaysTheMemoryWhenShort()
    {
        DenseGraph.CheckFits(46_340, availableBytes: 100_000_000_000);
        var limit = Assert.Throws<InvalidOperationException>(() => DenseGraph.CheckFits(46_341, availableBytes: 100_000_000_000));
        var memory = Assert.Throws<InvalidOperationException>(() => DenseGraph.CheckFits(40_000, availableBytes: 10_000_000_000));

        Assert.StartsWith("A dense RBF graph over 46,341 rows needs 2,147,488,281 weights (8.6 GB), more than a .NET array can hold", limit.Message);
        Assert.Equal(
            "A dense RBF graph over 40,000 rows needs 6.4 GB (4 bytes per pair of rows), more than half of the 10.0 GB of memory " +
            "available to this process (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes). " +
            "Use Kernel = LabelPropagationKernel.NearestNeighborsRbf (RBF weights on the NumberOfNeighbors nearest " +
            "neighbours only, a sparse graph) or Kernel = LabelPropagationKernel.NearestNeighbors.", memory.Message);
    }

    [Theory]
    [InlineData(LabelPropagationKernel.NearestNeighbors, "Raise NumberOfNeighbors or set SymmetrizeGraph.")]
    [InlineData(LabelPropagationKernel.NearestNeighborsRbf, "Raise NumberOfNeighbors, set SymmetrizeGraph, or lower Gamma.")]
    [InlineData(LabelPropagationKernel.Rbf,
        "Lower Gamma (an RBF weight exp(-Gamma * |x - y|^2) is 0 in Single precision once Gamma * |x - y|^2 exceeds about 103) " +
        "or bring the features to a common scale (e.g. mlContext.Transforms.NormalizeMinMax); NumberOfNeighbors and " +
        "SymmetrizeGraph do not apply to the dense Rbf kernel.")]
    public void Fit_ClusterWithoutLabeledRow_WarnsWithAdviceThatAppliesToTheKernel(LabelPropagationKernel kernel, string advice)
    {
        // Two clusters 1000 apart; only the first has labels. No kNN edge (3 neighbours, directed) and no RBF weight
        // (exp(-20 * 1000^2) = 0) joins them.
        var mlContext = new MLContext(seed: 1);
        var messages = new List<string>();
        mlContext.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var rows = Enumerable.Range(0, 40).Select(i => new GraphTestData.Row
        {
            Features = [i < 20 ? i * 0.1f : 1000 + i * 0.1f, 0],
            Label = i == 0 ? 0 : i == 19 ? 1 : float.NaN,
        }).ToArray();
        var data = mlContext.Data.LoadFromEnumerable(rows, Schema(2));

        var options = ScikitLearnSetting.Propagation(numberOfNeighbors: 3);
        options.Kernel = kernel;
        var model = mlContext.SemiSupervised.LabelPropagation(options).Fit(data);

        Assert.Equal(20, model.Report.UnreachedRowCount);
        var warning = Assert.Single(messages, m => m.Contains("not connected to any labeled row", StringComparison.Ordinal));
        Assert.EndsWith(
            "Label propagation: 20 rows are not connected to any labeled row in the graph; they stay unlabeled (missing label, " +
            "zero distribution, confidence 0). Set UnreachedRowFallback = NearestLabeledRow to label them from their nearest labeled row. " + advice, warning);
    }

    private static (double Accuracy, int[] Fitted, int[] New) FitAndTransform(MLContext mlContext, GraphTestData set, bool spreading, NeighborSearch search)
    {
        var training = set.Where(i => i % 5 != 4);
        var newRows = set.Where(i => i % 5 == 4).ToDataView(mlContext);
        var data = training.ToDataView(mlContext);
        IEstimator<LabelPropagationTransformer> estimator = spreading
            ? mlContext.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { NeighborSearch = search })
            : mlContext.SemiSupervised.LabelPropagation(new LabelPropagationOptions { NeighborSearch = search });
        var model = estimator.Fit(data);
        var fitted = GraphTestData.ReadClasses(model.Transform(data));
        var fresh = GraphTestData.ReadClasses(model.Transform(newRows));
        return (training.UnlabeledAccuracy(fitted), fitted, fresh);
    }

    private static double Accuracy(MLContext mlContext, GraphTestData set, bool spreading)
    {
        var data = set.ToDataView(mlContext);
        var estimator = spreading ? mlContext.SemiSupervised.LabelSpreading() : mlContext.SemiSupervised.LabelPropagation();
        return set.UnlabeledAccuracy(GraphTestData.ReadClasses(estimator.Fit(data).Transform(data)));
    }

    private static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(GraphTestData.Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }
}

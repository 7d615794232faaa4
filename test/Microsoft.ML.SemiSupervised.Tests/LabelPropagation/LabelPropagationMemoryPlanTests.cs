using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.LabelPropagation;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// Issue 12, target 3: a fit says up front what memory it needs and refuses clearly when that is more than the process
/// can use (limits constructed here, nothing large allocated); sizes beyond one array are refused; the rows are read
/// into one array when their count is known.
/// </summary>
public sealed class LabelPropagationMemoryPlanTests
{
    private static LabelSpreadingOptions TenMillionOptions() => new()
    {
        NumberOfNeighbors = 10,
        SymmetrizeGraph = false,
        SelfLoops = true,
        NeighborSearch = NeighborSearch.Approximate,
    };

    [Fact]
    public void ThrowIfTooLarge_TenMillionRowsOnTwoGigabytes_RefusesNamingTheColumnThePeakAndTheFixes()
    {
        var plan = LabelPropagationMemoryPlan.For(TenMillionOptions(), "Label spreading", 10_000_000, 20, 10);
        plan.ThrowIfTooLarge(availableBytes: 24_000_000_000); // the 24 GB machine: fits

        var e = Assert.Throws<InvalidOperationException>(() => plan.ThrowIfTooLarge(availableBytes: 2_000_000_000));
        Assert.Equal("Label spreading on 10,000,000 rows x 20 features of feature column 'Features' (10 classes, NumberOfNeighbors = 10) " +
            "needs about 7.8 GB at its peak (the search index, made at the first new row or save); this process can use 2.0 GB " +
            "(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes: the GC heap limit or the machine's memory). Use fewer rows (e.g. " +
            "mlContext.Data.TakeRows or a sample of the unlabeled rows), reduce the features first (e.g. ProjectToPrincipalComponents), " +
            "lower NumberOfNeighbors, or run where more memory is available (a higher DOTNET_GCHeapHardLimit, a larger machine; " +
            "docs/scaling.md has the formula).", e.Message);
    }

    [Fact]
    public void For_TenMillionRowsSymmetric_PlansEachStepFromTheArraysItHolds()
    {
        var options = TenMillionOptions();
        options.SymmetrizeGraph = true;
        long n = 10_000_000, features = 4 * n * 20, labels = 4 * n;
        long index = features + 4 * n * 24 + 4 * n + NeighborSearchMemory.Tree(n, 32);
        long graph = 8 * (n * 10 + n * 9) + 8 * (n + 1); // self-loops, 9 neighbours and at most 9 more the other way

        var plan = LabelPropagationMemoryPlan.For(options, "Label spreading", n, 20, 10);

        var steps = plan.Steps.ToDictionary(s => s.Step, s => s.Bytes);
        Assert.Equal(features + labels + index + 8 * n * 18 + 8 * n * 9, steps["cutting the lists"]);
        Assert.Equal(features + labels + index + 8 * n * 9 + SparseGraph.Bytes(n, n * 19), steps["the graph"]);
        Assert.Equal(features + labels + index + graph + 2 * 8 * n * 10, steps["the iteration"]);
        // The peak: the largest step, the collector's tables and the runtime; no factor of 2 for garbage, which the fit collects.
        Assert.Equal("the search index, made at the first new row or save", plan.PeakStep);
        Assert.Equal((long)(steps["the search index, made at the first new row or save"] * (1 + LabelPropagationMemoryPlan.CollectorOverhead)) + LabelPropagationMemoryPlan.RuntimeBytes, plan.PeakBytes);
    }

    [Fact]
    public void For_TenTimesTheRows_PlansTenTimesTheArrays()
    {
        var options = TenMillionOptions();
        var million = LabelPropagationMemoryPlan.For(options, "Label spreading", 1_000_000, 20, 10);
        var tenMillion = LabelPropagationMemoryPlan.For(options, "Label spreading", 10_000_000, 20, 10);

        // Every step is linear in the rows but the model's hash table (a power of two): within a few percent of 10x.
        for (int s = 0; s < million.Steps.Count; s++)
        {
            Assert.Equal(million.Steps[s].Step, tenMillion.Steps[s].Step);
            Assert.InRange(tenMillion.Steps[s].Bytes / (double)million.Steps[s].Bytes, 9.5, 10.5);
        }
        // The features are the least any step holds: 4 bytes a value.
        Assert.All(tenMillion.Steps, s => Assert.True(s.Bytes >= 4L * 10_000_000 * 20, s.Step));
    }

    [Fact]
    public void For_UnknownRowCount_PlansTheFeaturesTwiceWhileReading()
    {
        var options = TenMillionOptions();
        var known = LabelPropagationMemoryPlan.For(options, "Label spreading", 1_000_000, 20, 10, rowCountKnown: true);
        var unknown = LabelPropagationMemoryPlan.For(options, "Label spreading", 1_000_000, 20, 10, rowCountKnown: false);

        Assert.Equal("reading the rows", known.Steps[0].Step);
        Assert.Equal(4L * 1_000_000 * 20, unknown.Steps[0].Bytes - known.Steps[0].Bytes);
    }

    [Fact]
    public void ThrowIfTooLarge_MoreFeatureValuesThanAnArrayHolds_SaysTheArrayLimit()
    {
        var plan = LabelPropagationMemoryPlan.For(TenMillionOptions(), "Label spreading", 200_000_000, 20, 10);

        var e = Assert.Throws<InvalidOperationException>(() => plan.ThrowIfTooLarge(long.MaxValue));
        Assert.Equal("Label spreading on the features of feature column 'Features' (200,000,000 rows x 20 values): 4,000,000,000 values, " +
            "more than one .NET array holds (Array.MaxLength = 2,147,483,591). Use fewer rows, or reduce the features first " +
            "(e.g. ProjectToPrincipalComponents).", e.Message);
    }

    [Fact]
    public void ThrowIfTooLarge_MoreNeighbourEntriesThanAnArrayHolds_NamesNumberOfNeighbors()
    {
        var options = TenMillionOptions();
        options.NumberOfNeighbors = 20;
        var plan = LabelPropagationMemoryPlan.For(options, "Label spreading", 100_000_000, 2, 2);

        var e = Assert.Throws<InvalidOperationException>(() => plan.ThrowIfTooLarge(long.MaxValue));
        Assert.Equal("Label spreading on the neighbour lists of NumberOfNeighbors = 20 (100,000,000 rows x 38 entries while searching): " +
            "3,800,000,000 values, more than one .NET array holds (Array.MaxLength = 2,147,483,591). Lower NumberOfNeighbors or use fewer rows.",
            e.Message);
    }

    [Fact]
    public void EstimatePeakMemory_NonPositiveCount_Throws()
    {
        var estimator = new MLContext(seed: 1).SemiSupervised.LabelSpreading(TenMillionOptions());

        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.EstimatePeakMemory(0, 20, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.EstimatePeakMemory(10, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.EstimatePeakMemory(10, 20, -1));
        Assert.Equal(LabelPropagationMemoryPlan.For(TenMillionOptions(), "Label spreading", 1_000_000, 20, 10).PeakBytes,
            estimator.EstimatePeakMemory(1_000_000, 20, 10));
    }

    [Fact]
    public void EstimatePeakMemory_BytesBeyondSixtyFourBits_SaturatesAndRowsBeyondAnArrayThrow()
    {
        var ml = new MLContext(seed: 1);
        var rbf = ml.SemiSupervised.LabelSpreading(new LabelSpreadingOptions { Kernel = LabelPropagationKernel.Rbf });

        // 4 n^2 bytes of dense weights at 2e9 rows: 1.6e19, more than a long holds.
        Assert.Equal(long.MaxValue, rbf.EstimatePeakMemory(2_000_000_000, 20, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => rbf.EstimatePeakMemory((long)Array.MaxLength + 1, 20, 10));
        var plan = LabelPropagationMemoryPlan.For(new LabelSpreadingOptions { Kernel = LabelPropagationKernel.Rbf }, "Label spreading", 2_000_000_000, 1, 1);
        var e = Assert.Throws<InvalidOperationException>(() => plan.ThrowIfTooLarge(long.MaxValue));
        Assert.StartsWith("A dense RBF graph over 2,000,000,000 rows needs", e.Message);
    }

    [Fact]
    public void Fit_KnownRowCount_RefusesBeforeReadingARowAndChecksAgainWithTheClassesRead()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(3000, dimension: 4, classes: 20);
        var estimator = ml.SemiSupervised.LabelSpreading(TenMillionOptions());
        long withTwoClasses = estimator.EstimatePeakMemory(3000, 4, 2);
        long withTwentyClasses = estimator.EstimatePeakMemory(3000, 4, 20);
        Assert.True(withTwoClasses < withTwentyClasses); // with 20 classes the iteration's distributions are the peak

        // Less than the fewest classes need: refused before a row is read.
        estimator.AvailableMemoryBytes = withTwoClasses - 1;
        var data = new CountingDataView(rows, rowCount: 3000);
        var before = Assert.Throws<InvalidOperationException>(() => estimator.Fit(data));
        Assert.Equal(0, data.RowsRead);
        Assert.StartsWith("Label spreading on 3,000 rows x 4 features of feature column 'Features' (2 classes, NumberOfNeighbors = 10)", before.Message);

        // Enough for two classes, not for the 20 read: refused after reading, before the graph.
        estimator.AvailableMemoryBytes = withTwentyClasses - 1;
        data = new CountingDataView(rows, rowCount: 3000);
        var after = Assert.Throws<InvalidOperationException>(() => estimator.Fit(data));
        Assert.Equal(3000, data.RowsRead);
        Assert.Contains("(20 classes, NumberOfNeighbors = 10) needs about ", after.Message);

        // Exactly the plan: fits.
        estimator.AvailableMemoryBytes = withTwentyClasses;
        var model = estimator.Fit(new CountingDataView(rows, rowCount: 3000));
        Assert.Equal(3000, model.Report.RowCount);
    }

    [Fact]
    public void Fit_UnknownRowCount_RefusesWhileReadingOnceTheRowsReadWillNotFit()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(40_000, dimension: 4, classes: 3);
        var estimator = ml.SemiSupervised.LabelSpreading(TenMillionOptions());
        estimator.AvailableMemoryBytes = LabelPropagationMemoryPlan.For(TenMillionOptions(), "Label spreading", 20_000, 4, 2, rowCountKnown: false).PeakBytes;
        var data = new CountingDataView(rows, rowCount: null);

        var e = Assert.Throws<InvalidOperationException>(() => estimator.Fit(data));

        // The chunks hold 16,384 rows of 4 values, checked as each starts: the third starts past the 20,000 rows planned.
        Assert.Equal(32_769, data.RowsRead);
        Assert.StartsWith("Label spreading on 32,769 rows x 4 features", e.Message);
    }

    [Fact]
    public void Load_KnownRowCount_AllocatesTheFeaturesOnce()
    {
        var ml = new MLContext(seed: 1);
        const int count = 50_000, dimension = 50;
        var data = Rows(count, dimension, classes: 3);
        long featureBytes = 4L * count * dimension;
        Assert.Equal(count, data.GetRowCount());

        long start = GC.GetAllocatedBytesForCurrentThread();
        var rows = DenseLabeledRows.Load(data, "Features", "Label", LabelTask.Multiclass);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - start;

        Assert.Equal(featureBytes / 4, rows.Features.LongLength);
        // The features (10 MB) once, plus the labels and the cursor (about 2.5 MB): joining chunks would allocate the features twice.
        Assert.InRange(allocated, featureBytes, featureBytes * 3 / 2);
    }

    /// <summary>Seeded blobs around <paramref name="classes"/> centres, one row in 10 labeled, every class labeled (row count known).</summary>
    private static IDataView Rows(int count, int dimension, int classes)
    {
        var random = new Random(7);
        var centres = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextSingle() * 10).ToArray()).ToArray();
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            int c = i % classes;
            return new FloatLabelRow
            {
                Label = i / classes % 10 == 0 ? c : float.NaN,
                Features = centres[c].Select(v => v + (float)(random.NextDouble() - 0.5)).ToArray(),
            };
        });
        return DataViews.Load(new MLContext(seed: 1), rows, dimension);
    }
}

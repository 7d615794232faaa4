using Microsoft.ML.SemiSupervised.CoTraining;
using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>Every documented default is pinned.</summary>
public sealed class CoTrainingOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new CoTrainingOptions();
        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal("Features", options.FeatureColumnName);
        Assert.Null(options.SecondViewColumnName);
        Assert.Null(options.FirstViewSlots);
        Assert.Equal(75, options.PoolSize);
        Assert.Null(Assert.IsType<CountPerClassSelection>(options.Selection).CountPerClass);
        Assert.Equal(30, options.MaximumNumberOfIterations);
        Assert.Equal(CoTrainingCombination.Product, options.Combination);
        Assert.Null(options.Seed);
        Assert.False(options.CheckDistributionShift);
        Assert.Null(options.IterationCompleted);
    }

    [Fact]
    public void CatalogSimpleOverload_UsesTheSameDefaults()
    {
        var ml = new MLContext(1);
        var (data, _, _) = Infrastructure.IrisData.PartlyLabeled(ml, 5);
        var simple = ml.SemiSupervised.CoTraining(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        var report = simple.Fit(data).Report;
        // 15 labeled rows, 5 per class: one row per class per view per round, 30 rounds at most, 135 unlabeled rows.
        Assert.Equal(135 / 6 + 1, report.NumberOfIterations);
        // The pool holds 75 rows while the unlabeled rows last, then what is left.
        Assert.Equal(report.Iterations.Select(r => Math.Min(75, 135 - 6 * (r.Iteration - 1))), report.Iterations.Select(r => r.PoolCount));
        Assert.Equal(CoTrainingStopReason.AllLabeled, report.StopReason);
    }
}

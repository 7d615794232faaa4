using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

public sealed class GraphLabelingOptionsTests
{
    [Fact]
    public void LabelSpreadingOptions_Defaults_AreTheDocumentedOnes()
    {
        var options = new LabelSpreadingOptions();

        Assert.Equal("Label", options.LabelColumnName);
        Assert.Equal("Features", options.FeatureColumnName);
        Assert.Equal("PropagatedLabel", options.PropagatedLabelColumnName);
        Assert.Equal("Confidence", options.ConfidenceColumnName);
        Assert.Equal(LabelPropagationKernel.NearestNeighbors, options.Kernel);
        Assert.Equal(7, options.NumberOfNeighbors);
        Assert.Equal(20, options.Gamma);
        Assert.Equal(0.2, options.Alpha);
        Assert.Equal(30, options.MaximumNumberOfIterations);
        Assert.Equal(1e-3, options.Tolerance);
        Assert.True(options.SymmetrizeGraph);
        Assert.Equal(UnreachedRowFallback.NearestLabeledRow, options.UnreachedRowFallback);
        Assert.True(options.SelfLoops);
        Assert.False(options.CheckDistributionShift);
        Assert.Equal(NeighborSearch.Auto, options.NeighborSearch);
        Assert.Equal(20_000, options.ExactSearchRowLimit);
        Assert.Null(options.Seed);
    }

    [Fact]
    public void LabelPropagationOptions_Defaults_UseScikitLearnsIterationLimit()
    {
        var options = new LabelPropagationOptions();

        Assert.Equal(1000, options.MaximumNumberOfIterations);
        Assert.Equal(1e-3, options.Tolerance);
        Assert.Equal(7, options.NumberOfNeighbors);
        Assert.True(options.SymmetrizeGraph);
        Assert.Equal(UnreachedRowFallback.NearestLabeledRow, options.UnreachedRowFallback);
    }

    [Fact]
    public void LabelPropagation_UndefinedFallback_ThrowsNamingTheChoices()
    {
        var mlContext = new MLContext(seed: 1);
        var options = new LabelPropagationOptions { UnreachedRowFallback = (UnreachedRowFallback)7 };

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelPropagation(options));

        Assert.Equal("Invalid label propagation options: UnreachedRowFallback must be None, NearestReachedRows or NearestLabeledRow; got 7.", error.Message);
    }

    [Fact]
    public void LabelSpreading_SeveralBadOptions_ThrowsOnceListingEveryProblemBeforeFit()
    {
        var mlContext = new MLContext(seed: 1);
        var options = new LabelSpreadingOptions { Alpha = 1.5, Gamma = 0, NumberOfNeighbors = 0, Tolerance = -1, MaximumNumberOfIterations = 0 };

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading(options));

        Assert.Equal(
            "Invalid label spreading options: MaximumNumberOfIterations must be null (no limit) or at least 1; got 0. " +
            "NumberOfNeighbors must be at least 1; got 0. Gamma must be positive and finite; got 0. " +
            "Tolerance must be non-negative and finite; got -1. Alpha must be in (0, 1); got 1.5.",
            error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void LabelSpreading_AlphaOutsideOpenUnitInterval_Throws(double alpha)
    {
        var mlContext = new MLContext(seed: 1);

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelSpreading(alpha: alpha));

        Assert.StartsWith($"Invalid label spreading options: Alpha must be in (0, 1); got {alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void LabelPropagation_GammaNotPositive_Throws(double gamma)
    {
        var mlContext = new MLContext(seed: 1);

        var error = Assert.Throws<ArgumentException>(() => mlContext.SemiSupervised.LabelPropagation(kernel: LabelPropagationKernel.Rbf, gamma: gamma));

        Assert.StartsWith($"Invalid label propagation options: Gamma must be positive and finite; got {gamma.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", error.Message);
    }
}

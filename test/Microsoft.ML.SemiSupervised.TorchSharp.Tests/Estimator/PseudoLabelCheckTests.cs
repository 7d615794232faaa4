using Microsoft.ML.SemiSupervised.Neural;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Estimator;

/// <summary>The pseudo-labels checked against the known truth, per class (what the Fashion-MNIST runner reports).</summary>
public sealed class PseudoLabelCheckTests
{
    [Fact]
    public void Of_HandMadeRows_CountsMaskRatePerTrueClassAndAccuracyPerPseudoLabel()
    {
        // Truth 0, 0, 1, 1, unknown; pseudo-labels 0, 1, 1, 1, 0; row 2 not used.
        var check = PseudoLabelCheck.Of([0, 0, 1, 1, -1], [0, 1, 1, 1, 0], [true, true, false, true, true]);

        Assert.Equal(2, check.Right);
        Assert.Equal(3, check.Checked);
        // Class 0: both rows used; class 1: one of two.
        Assert.Equal(new[] { 1.0, 0.5 }, check.ClassMaskRates());
        // Given class 0: row 0, right; given class 1: rows 1 (wrong) and 3 (right).
        Assert.Equal(new[] { 1.0, 0.5 }, check.ClassPseudoLabelAccuracies());
    }

    [Fact]
    public void Add_TwoSteps_SumsTheCountsOfBoth()
    {
        var sum = PseudoLabelCheck.Empty();
        sum.Add(PseudoLabelCheck.Of([0, 1], [0, 0], null));
        sum.Add(PseudoLabelCheck.Of([2, 1], [2, 1], [false, true]));

        Assert.Equal(2, sum.Right);
        Assert.Equal(3, sum.Checked);
        Assert.Equal(new[] { 1.0, 1.0, 0.0 }, sum.ClassMaskRates());
        Assert.Equal(new[] { 0.5, 1.0, double.NaN }, sum.ClassPseudoLabelAccuracies());
    }

    [Fact]
    public void Fit_FixMatchWithTrueClasses_ReportsPerClassRatesAroundTheMaskRate()
    {
        var ml = new MLContext(seed: 1);
        var epochs = new List<NeuralEpoch>();
        var options = new FixMatchOptions
        {
            MaximumNumberOfIterations = 3, HiddenLayerSizes = [16], BatchSize = 8, Seed = 1, NumberOfThreads = 1,
            ThresholdKind = ConfidenceThresholdKind.ClassAdaptive, IterationCompleted = epochs.Add,
        };
        options.TrueClasses = Infrastructure.IrisRows.All().Select(r => (int)r.Label).ToArray();
        ml.SemiSupervised.FixMatch(options).Fit(Infrastructure.IrisRows.PartlyLabeled(ml));

        Assert.All(epochs, e =>
        {
            Assert.Equal(3, e.ClassMaskRates!.Length);
            Assert.All(e.ClassMaskRates, rate => Assert.InRange(rate, 0.0, 1.0));
            // The epoch's mask rate is a weighted mean of the classes' rates.
            Assert.InRange(e.MaskRate, e.ClassMaskRates.Min() - 1e-9, e.ClassMaskRates.Max() + 1e-9);
        });
        // The class-adaptive thresholds start at 0: the first epoch uses rows of every class.
        Assert.All(epochs[0].ClassMaskRates!, rate => Assert.True(rate > 0));
    }
}

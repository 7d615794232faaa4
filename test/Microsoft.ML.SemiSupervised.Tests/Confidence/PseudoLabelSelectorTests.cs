using Microsoft.ML.SemiSupervised.Confidence;

namespace Microsoft.ML.SemiSupervised.Tests.Confidence;

public sealed class PseudoLabelSelectorTests
{
    private static ClassPrediction[] Predictions(params (int Class, float Confidence)[] rows) =>
        rows.Select(r => new ClassPrediction(r.Class, r.Confidence)).ToArray();

    [Fact]
    public void MostConfident_Ties_BrokenByRowOrder()
    {
        var predictions = Predictions((0, 0.9f), (1, 0.8f), (0, 0.9f), (1, 0.9f), (0, 0.7f));

        Assert.Equal(new[] { 0, 2 }, PseudoLabelSelector.MostConfident(predictions, 2, null));
        Assert.Equal(new[] { 0, 2, 3, 1 }, PseudoLabelSelector.MostConfident(predictions, 4, null));
    }

    [Fact]
    public void MostConfident_KLargerThanPool_TakesAll()
    {
        var predictions = Predictions((0, 0.6f), (1, 0.8f));

        Assert.Equal(new[] { 1, 0 }, PseudoLabelSelector.MostConfident(predictions, 10, null));
    }

    [Fact]
    public void AboveThreshold_IncludesRowsExactlyAtThreshold()
    {
        var predictions = Predictions((0, 0.75f), (1, 0.74f), (1, 1f));

        Assert.Equal(new[] { 2, 0 }, PseudoLabelSelector.AboveThreshold(predictions, 0.75, null));
    }

    [Fact]
    public void Quotas_LargestRemainder_SumsToTotal()
    {
        Assert.Equal(new[] { 3, 2, 2 }, PseudoLabelSelector.Quotas(new[] { 1.0, 1.0, 1.0 }, 7));
        Assert.Equal(new[] { 7, 3 }, PseudoLabelSelector.Quotas(new[] { 70.0, 30.0 }, 10));
        Assert.Equal(new[] { 0, 0 }, PseudoLabelSelector.Quotas(new[] { 1.0, 1.0 }, 0));
    }

    [Fact]
    public void Balanced_KeepsSharesAndTakesEachClassMostConfident()
    {
        // Shares 1:1, k = 4: two of each class, the most confident of each, although class 0 is more confident overall.
        var predictions = Predictions((0, 0.99f), (0, 0.98f), (0, 0.97f), (0, 0.96f), (1, 0.6f), (1, 0.7f), (1, 0.65f));

        var selected = PseudoLabelSelector.MostConfident(predictions, 4, new[] { 1.0, 1.0 });

        Assert.Equal(new[] { 0, 1, 5, 6 }, selected.OrderBy(i => i));
    }

    [Fact]
    public void Balanced_ClassWithoutCandidate_SelectsNothing()
    {
        var predictions = Predictions((0, 0.99f), (0, 0.98f), (2, 0.9f));

        Assert.Empty(PseudoLabelSelector.AboveThreshold(predictions, 0.5, new[] { 1.0, 1.0, 1.0 }));
    }

    [Fact]
    public void Balanced_ScarceClass_LimitsTheTotal()
    {
        // Shares 2:1; class 1 has one candidate, so the total is 3: two of class 0 and one of class 1.
        var predictions = Predictions((0, 0.99f), (0, 0.98f), (0, 0.97f), (0, 0.96f), (1, 0.9f));

        var selected = PseudoLabelSelector.AboveThreshold(predictions, 0.5, new[] { 2.0, 1.0 });

        Assert.Equal(new[] { 0, 1, 4 }, selected.OrderBy(i => i));
    }
}

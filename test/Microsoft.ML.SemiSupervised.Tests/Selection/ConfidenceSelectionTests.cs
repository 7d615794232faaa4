using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.Tests.Selection;

/// <summary>The confidence rules and the class balance: exactly which candidates each takes, in which order.</summary>
public sealed class ConfidenceSelectionTests
{
    private static readonly int[] TwoEqualClasses = { 1, 1 };

    private static int[] Chosen(IReadOnlyList<PseudoLabel> labels) => labels.Select(l => l.Candidate).ToArray();

    [Fact]
    public void Threshold_AddsExactlyTheRowsAtOrAboveIt_WithTheirPredictedClass()
    {
        var candidates = CandidateBuilder.Of(TwoEqualClasses, (0, 0.75f), (1, 0.74f), (1, 1f));

        var labels = new ConfidenceThresholdSelection(0.75).Select(candidates);

        Assert.Equal(new[] { 2, 0 }, Chosen(labels));
        Assert.Equal(new[] { 1, 0 }, labels.Select(l => l.Class));
    }

    [Fact]
    public void KBest_TakesTheKMostConfident_TiesByRowOrder()
    {
        var candidates = CandidateBuilder.Of(TwoEqualClasses, (0, 0.9f), (1, 0.8f), (0, 0.9f), (1, 0.9f), (0, 0.7f));

        Assert.Equal(new[] { 0, 2 }, Chosen(new KBestSelection(2).Select(candidates)));
        Assert.Equal(new[] { 0, 2, 3, 1 }, Chosen(new KBestSelection(4).Select(candidates)));
    }

    [Fact]
    public void KBest_KLargerThanPool_TakesAll()
    {
        var candidates = CandidateBuilder.Of(TwoEqualClasses, (0, 0.6f), (1, 0.8f));

        Assert.Equal(new[] { 1, 0 }, Chosen(new KBestSelection(10).Select(candidates)));
    }

    [Fact]
    public void Quotas_LargestRemainder_SumsToTotal()
    {
        Assert.Equal(new[] { 3, 2, 2 }, ClassBalancedSelection.Quotas(new[] { 1.0, 1.0, 1.0 }, 7));
        Assert.Equal(new[] { 7, 3 }, ClassBalancedSelection.Quotas(new[] { 70.0, 30.0 }, 10));
        Assert.Equal(new[] { 0, 0 }, ClassBalancedSelection.Quotas(new[] { 1.0, 1.0 }, 0));
    }

    [Fact]
    public void ClassBalancedKBest_KeepsSharesAndTakesEachClassMostConfident()
    {
        // Shares 1:1, k = 4: two of each class, the most confident of each, although class 0 is more confident overall.
        var candidates = CandidateBuilder.Of(TwoEqualClasses, (0, 0.99f), (0, 0.98f), (0, 0.97f), (0, 0.96f), (1, 0.6f), (1, 0.7f), (1, 0.65f));

        var selected = new ClassBalancedSelection(new KBestSelection(4)).Select(candidates);

        Assert.Equal(new[] { 0, 1, 5, 6 }, Chosen(selected).OrderBy(i => i));
    }

    [Fact]
    public void ClassBalanced_ClassWithoutCandidate_SelectsNothing()
    {
        var candidates = CandidateBuilder.Of(new[] { 1, 1, 1 }, (0, 0.99f), (0, 0.98f), (2, 0.9f));

        Assert.Empty(new ClassBalancedSelection(new ConfidenceThresholdSelection(0.5)).Select(candidates));
    }

    [Fact]
    public void ClassBalanced_ScarceClass_LimitsTheTotalAndKeepsProportions()
    {
        // Labeled 2:1; class 1 has one candidate, so the total is 3: two of class 0 and one of class 1.
        var candidates = CandidateBuilder.Of(new[] { 20, 10 }, (0, 0.99f), (0, 0.98f), (0, 0.97f), (0, 0.96f), (1, 0.9f));

        var selected = new ClassBalancedSelection(new ConfidenceThresholdSelection(0.5)).Select(candidates);

        Assert.Equal(new[] { 0, 1, 4 }, Chosen(selected).OrderBy(i => i));
        Assert.Equal(2, selected.Count(l => l.Class == 0));
    }

    [Fact]
    public void Defaults_AreScikitLearnsAndDocumented()
    {
        Assert.Equal(0.75, new ConfidenceThresholdSelection().Threshold);
        Assert.Equal(10, new KBestSelection().K);
        Assert.Equal(0.75, Assert.IsType<ConfidenceThresholdSelection>(new ClassBalancedSelection().Inner).Threshold);
    }

    [Theory]
    [InlineData(1.5, "Threshold must be in (0, 1]; got 1.5.")]
    [InlineData(0.0, "Threshold must be in (0, 1]; got 0.")]
    [InlineData(double.NaN, "Threshold must be in (0, 1]; got NaN.")]
    public void Threshold_OutOfRange_Throws(double threshold, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceThresholdSelection(threshold));
        Assert.Equal("threshold", e.ParamName);
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void KBest_NotPositive_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new KBestSelection(0));
        Assert.Equal("k", e.ParamName);
        Assert.StartsWith("K must be positive; got 0.", e.Message);
    }

    [Theory]
    [InlineData(5, 0, "returned candidate 5, but the candidates are numbered 0 to 2.")]
    [InlineData(1, 1, "returned candidate 1 twice; return each candidate at most once.")]
    [InlineData(0, 7, "gave candidate 0 class 7, but the classes are numbered 0 to 1.")]
    public void SelectChecked_InvalidResultOfACustomRule_ThrowsAClearError(int candidate, int @class, string expected)
    {
        var candidates = CandidateBuilder.Of(TwoEqualClasses, (0, 0.9f), (1, 0.8f), (0, 0.7f));
        var rule = new FixedSelection(new PseudoLabel(1, 1), new PseudoLabel(candidate, @class));

        var e = Assert.Throws<InvalidOperationException>(() => PseudoLabelSelection.SelectChecked(rule, candidates));

        Assert.Equal("The pseudo-label selection FixedSelection " + expected, e.Message);
    }

    private sealed class FixedSelection(params PseudoLabel[] labels) : PseudoLabelSelection
    {
        public override IReadOnlyList<PseudoLabel> Select(PseudoLabelCandidates candidates) => labels;
    }
}

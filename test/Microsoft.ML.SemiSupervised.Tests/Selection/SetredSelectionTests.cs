using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.Selection;

namespace Microsoft.ML.SemiSupervised.Tests.Selection;

/// <summary>Setred's editing on hand-built graphs, its statistic, defaults and errors.</summary>
public sealed class SetredSelectionTests
{
    /// <summary>
    /// Two labeled clusters on a line, class 0 near 0 and class 1 near 10, and two candidates the model predicts as
    /// class 0 with the same confidence: one inside the class-0 cluster (its neighbours agree) and one inside the
    /// class-1 cluster (its neighbours all disagree).
    /// </summary>
    private static PseudoLabelCandidates TwoClusters() => CandidateBuilder.Build(
        new[] { 0f, 0.1f, 0.2f, 0.3f }.Select(x => (0, new[] { x })).Concat(new[] { 10f, 10.1f, 10.2f, 10.3f }.Select(x => (1, new[] { x }))).ToArray(),
        new[] { (0, 0.9f, new[] { 0.15f }), (0, 0.9f, new[] { 10.15f }) });

    [Fact]
    public void Select_DropsTheCandidateWhoseNeighboursAllDisagree_KeepsTheOneWhoseNeighboursAgree()
    {
        var candidates = TwoClusters();
        var setred = new SetredSelection(numberOfNeighbors: 3);

        var kept = setred.Select(candidates);
        var pValues = setred.PValues(candidates, new ConfidenceThresholdSelection().Select(candidates));

        Assert.Equal(new[] { 0 }, kept.Select(l => l.Candidate));
        Assert.Equal(0, kept[0].Class);
        // Three equal-weight neighbours, class share 1/2: J = 0 gives z = -sqrt(3), J = all gives z = +sqrt(3).
        Assert.Equal(0.9584, pValues[0], 3);
        Assert.Equal(0.0416, pValues[1], 3);
    }

    [Fact]
    public void Select_AThresholdBelowThePValue_KeepsEvenTheDisagreeingCandidate()
    {
        var kept = new SetredSelection(rejectionThreshold: 0.04, numberOfNeighbors: 3).Select(TwoClusters());

        Assert.Equal(new[] { 0, 1 }, kept.Select(l => l.Candidate));
    }

    [Fact]
    public void Select_EditsOnlyWhatItsCandidateSelectionProposes()
    {
        var candidates = TwoClusters();

        Assert.Empty(new SetredSelection(new ConfidenceThresholdSelection(0.95), numberOfNeighbors: 3).Select(candidates));
        Assert.Equal(new[] { 0 }, new SetredSelection(new KBestSelection(1), numberOfNeighbors: 3).Select(candidates).Select(l => l.Candidate));
    }

    [Fact]
    public void Select_FeaturesTooLargeForDistances_ThrowsNamingTheRowAndTheFix()
    {
        var huge = new[] { 1e19f, 1e19f, 1e19f, 1e19f };
        var candidates = CandidateBuilder.Build(new[] { (0, huge), (1, new float[4]) }, new[] { (0, 0.9f, new float[4]) });

        var e = Assert.Throws<ArgumentException>(() => new SetredSelection().Select(candidates));

        Assert.StartsWith("Setred compares rows by Euclidean distance, but the features of row 0 have a squared norm of 4E+38", e.Message);
        Assert.EndsWith("Rescale the features first, for example with mlContext.Transforms.NormalizeMinMax on the feature column.", e.Message);
    }

    [Fact]
    public void UpperTail_MatchesTheStandardNormal()
    {
        Assert.Equal(0.5, StandardNormal.UpperTail(0), 7);
        Assert.Equal(0.05, StandardNormal.UpperTail(1.6448536), 6);
        Assert.Equal(0.975, StandardNormal.UpperTail(-1.959964), 6);
    }

    [Fact]
    public void Defaults_AreThePapersThetaAndTenNeighbours()
    {
        var setred = new SetredSelection();

        Assert.Equal(0.1, setred.RejectionThreshold);
        Assert.Equal(10, setred.NumberOfNeighbors);
        Assert.Equal(0.75, Assert.IsType<ConfidenceThresholdSelection>(setred.CandidateSelection).Threshold);
    }

    [Theory]
    [InlineData(1.0, 10, "rejectionThreshold", "RejectionThreshold must be in (0, 1); got 1.")]
    [InlineData(0.0, 10, "rejectionThreshold", "RejectionThreshold must be in (0, 1); got 0.")]
    [InlineData(0.1, -3, "numberOfNeighbors", "NumberOfNeighbors must be positive; got -3.")]
    public void Create_InvalidOption_Throws(double rejectionThreshold, int numberOfNeighbors, string parameter, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SetredSelection(rejectionThreshold: rejectionThreshold, numberOfNeighbors: numberOfNeighbors));
        Assert.Equal(parameter, e.ParamName);
        Assert.StartsWith(expected, e.Message);
    }
}

using Microsoft.ML.SemiSupervised.Auto;

namespace Microsoft.ML.SemiSupervised.Tests.Auto;

/// <summary>
/// The decision rules pinned on constructed fold scores (5 folds x 2 repeats of 10 test rows): a clear gain is chosen
/// by both rules, a moderate one only by the per-candidate rule, a small noisy one by neither (and earns more repeats),
/// a loss never.
/// </summary>
public sealed class CorrectedBoundRuleTests
{
    private static readonly CorrectedBoundRule PerCandidate = CorrectedBoundRule.For(AutoDecisionRule.CorrectedBound);
    private static readonly CorrectedBoundRule FamilyWise = CorrectedBoundRule.For(AutoDecisionRule.CorrectedBoundFamilyWise);

    /// <summary>Fold differences over a supervised accuracy of 0.7; a difference of d points is d rows right only by the candidate (a negative one: only by the supervised trainer), and a 0 is one row each way.</summary>
    private static PairedFoldEvidence Evidence(params double[] differences) => new(
        differences.Select(d => 0.7 + d).ToArray(),
        differences.Select(_ => 0.7).ToArray(),
        differences.Select(d => d > 0 ? ((int)Math.Round(10 * d), 0, 10) : d < 0 ? (0, (int)Math.Round(-10 * d), 10) : (1, 1, 10)).ToArray(),
        foldsPerRepeat: 5);

    private static readonly PairedFoldEvidence Clear = Evidence(0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2);
    private static readonly PairedFoldEvidence Moderate = Evidence(0.1, 0.2, 0.0, 0.1, 0.2, 0.1, 0.1, 0.2, 0.1, 0.1);
    private static readonly PairedFoldEvidence Noisy = Evidence(0.1, -0.1, 0.2, 0.0, 0.1, -0.1, 0.1, 0.0, 0.1, 0.0);
    private static readonly PairedFoldEvidence Loss = Evidence(-0.1, -0.2, 0.0, -0.1, -0.1, -0.1, 0.0, -0.2, -0.1, -0.1);

    [Fact]
    public void LevelFor_PerCandidateIs95Percent_FamilyWiseSharesFivePercentAmongTheCandidates()
    {
        Assert.Equal(0.95, PerCandidate.LevelFor(4), 12);
        Assert.Equal(1 - 0.05 / 4, FamilyWise.LevelFor(4), 12);
        Assert.Equal(0.95, FamilyWise.LevelFor(0), 12);
    }

    [Fact]
    public void LowerBound_ConstantGain_IsTheCorrectedTBoundOnTheBinomialFloor()
    {
        // The differences do not vary, so the variance is the binomial floor: (21/102) * 4 * (21/22) * (1/22) / 10;
        // the standard error sqrt(floor * (1/10 + 1/4)); Student's t with 9 degrees of freedom.
        Assert.Equal(0.2, Clear.MeanDifference, 12);
        Assert.Equal(0.135174, CorrectedBoundRule.LowerBound(Clear, 0.95), 5);
        Assert.Equal(0.105047, CorrectedBoundRule.LowerBound(Clear, 1 - 0.05 / 4), 5);
    }

    [Fact]
    public void Best_ClearGain_IsChosenByBothRules()
    {
        Assert.Equal("clear", CorrectedBoundRule.Best([Result("clear", Clear, PerCandidate.LevelFor(4))])?.Name);
        Assert.Equal("clear", CorrectedBoundRule.Best([Result("clear", Clear, FamilyWise.LevelFor(4))])?.Name);
    }

    [Fact]
    public void Best_ModerateGain_IsChosenPerCandidateButNotFamilyWise()
    {
        Assert.Equal(0.033012, CorrectedBoundRule.LowerBound(Moderate, 0.95), 5);
        Assert.Equal(-0.007413, CorrectedBoundRule.LowerBound(Moderate, 1 - 0.05 / 4), 5);
        Assert.Equal("moderate", CorrectedBoundRule.Best([Result("moderate", Moderate, PerCandidate.LevelFor(4))])?.Name);
        Assert.Null(CorrectedBoundRule.Best([Result("moderate", Moderate, FamilyWise.LevelFor(4))]));
    }

    [Fact]
    public void Best_SeveralPass_TakesTheLargestGainNotTheLargestBound()
    {
        // The moderate candidate's folds agree more, but the clear one gains more: the gain decides among those that pass.
        var steady = Evidence(0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15);
        var results = new[] { Result("steady", steady, 0.95), Result("clear", Clear, 0.95), Result("noisy", Noisy, 0.95) };

        Assert.Equal("clear", CorrectedBoundRule.Best(results)?.Name);
    }

    [Fact]
    public void Best_SmallNoisyGain_FallsBackAndEarnsMoreRepeatsPerCandidateOnly()
    {
        double lower = CorrectedBoundRule.LowerBound(Noisy, 0.95);

        Assert.Equal(0.04, Noisy.MeanDifference, 12);
        Assert.True(lower < 0, lower.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(CorrectedBoundRule.Best([Result("noisy", Noisy, 0.95)]));
        Assert.True(PerCandidate.WantsMoreRepeats(Noisy, lower));
        Assert.False(FamilyWise.WantsMoreRepeats(Noisy, lower));
        Assert.True(PerCandidate.AllowsMoreRepeats);
        Assert.False(FamilyWise.AllowsMoreRepeats);
    }

    [Fact]
    public void Best_LossOrShownGain_WantsNoMoreRepeats()
    {
        Assert.False(PerCandidate.WantsMoreRepeats(Loss, CorrectedBoundRule.LowerBound(Loss, 0.95)));
        Assert.False(PerCandidate.WantsMoreRepeats(Clear, CorrectedBoundRule.LowerBound(Clear, 0.95)));
        Assert.Null(CorrectedBoundRule.Best([Result("loss", Loss, 0.95)]));
    }

    [Fact]
    public void Best_SkippedCandidate_IsNeverChosen()
    {
        var skipped = new AutoCandidateResult("skipped", "its fit failed on fold 0: no", [], [], double.NaN, double.NaN);

        Assert.Null(CorrectedBoundRule.Best([skipped]));
    }

    [Fact]
    public void FirstRepeats_KeepsTheFirstRepeatsFolds()
    {
        var first = Moderate.FirstRepeats(1);

        Assert.Equal(1, first.Repeats);
        Assert.Equal([0.1, 0.2, 0.0, 0.1, 0.2], first.Differences.Select(d => Math.Round(d, 12)));
        Assert.Equal([0.12, 0.12], Moderate.RepeatMeans.Select(d => Math.Round(d, 12)));
    }

    private static AutoCandidateResult Result(string name, PairedFoldEvidence evidence, double level) =>
        new(name, null, evidence.CandidateAccuracies, evidence.SupervisedAccuracies, CorrectedBoundRule.LowerBound(evidence, level), level) { FoldCounts = evidence.FoldCounts };
}

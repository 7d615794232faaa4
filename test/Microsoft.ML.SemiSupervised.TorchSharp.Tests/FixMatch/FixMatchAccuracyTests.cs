using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.FixMatch;

/// <summary>FixMatch on digits at 5 % labels (62 of 1258 rows), against the same network trained on the labeled rows alone.</summary>
public sealed class FixMatchAccuracyTests
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_ReachesNinetyFivePercent() =>
        Assert.True(DigitsRuns.FixMatch >= 0.95, $"FixMatch test accuracy {DigitsRuns.FixMatch:F4}, below 0.95.");

    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetworkByFivePoints() =>
        Assert.True(DigitsRuns.FixMatch >= DigitsRuns.Supervised + 0.05,
            $"FixMatch {DigitsRuns.FixMatch:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
}

using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.FixMatch;

/// <summary>FixMatch on digits at 5 % labels (62 of 1258 rows), against the same network trained on the labeled rows alone.</summary>
[Collection(DigitsCollection.Name)]
public sealed class FixMatchAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_ReachesNinetyFivePercent()
    {
        output.WriteLine($"digits test accuracy: FixMatch {DigitsRuns.FixMatch:F4}, supervised network {DigitsRuns.Supervised:F4}");
        Assert.True(DigitsRuns.FixMatch >= 0.95, $"FixMatch test accuracy {DigitsRuns.FixMatch:F4}, below 0.95.");
    }

    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetworkByFivePoints() =>
        Assert.True(DigitsRuns.FixMatch >= DigitsRuns.Supervised + 0.05,
            $"FixMatch {DigitsRuns.FixMatch:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
}

using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.FixMatch;

/// <summary>
/// FixMatch with its defaults (confidence threshold 0.95) on digits at 5 % labels (62 of 1258 rows), against the same
/// network trained on the labeled rows alone (<see cref="DigitsRuns"/>).
/// </summary>
[Collection(DigitsCollection.Name)]
public sealed class FixMatchAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_DigitsFivePercentLabelsDefaultThreshold_ReachesNinetyFivePercent()
    {
        output.WriteLine($"digits test accuracy: FixMatch {DigitsRuns.FixMatch:F4}, supervised network {DigitsRuns.FixMatchSupervised:F4}");
        Assert.True(DigitsRuns.FixMatch >= 0.95, $"FixMatch test accuracy {DigitsRuns.FixMatch:F4}, below 0.95.");
    }

    [Fact]
    public void Fit_DigitsFivePercentLabelsDefaultThreshold_BeatsSupervisedNetworkByFivePoints() =>
        Assert.True(DigitsRuns.FixMatch >= DigitsRuns.FixMatchSupervised + 0.05,
            $"FixMatch {DigitsRuns.FixMatch:F4} against the supervised network's {DigitsRuns.FixMatchSupervised:F4}.");

    [Fact]
    public void Fit_DigitsFivePercentLabelsClassAdaptiveThreshold_BeatsSupervisedNetworkByFivePoints()
    {
        output.WriteLine($"digits test accuracy: FixMatch class-adaptive {DigitsRuns.FixMatchClassAdaptive:F4}, fixed {DigitsRuns.FixMatch:F4}, supervised network {DigitsRuns.FixMatchSupervised:F4}");
        Assert.True(DigitsRuns.FixMatchClassAdaptive >= DigitsRuns.FixMatchSupervised + 0.05,
            $"FixMatch with class-adaptive thresholds {DigitsRuns.FixMatchClassAdaptive:F4} against the supervised network's {DigitsRuns.FixMatchSupervised:F4}.");
    }

    [Fact]
    public void Fit_DigitsFivePercentLabelsDistributionAlignment_BeatsSupervisedNetworkByFivePoints()
    {
        output.WriteLine($"digits test accuracy: FixMatch with distribution alignment {DigitsRuns.FixMatchAligned:F4}, without {DigitsRuns.FixMatch:F4}, supervised network {DigitsRuns.FixMatchSupervised:F4}");
        Assert.True(DigitsRuns.FixMatchAligned >= DigitsRuns.FixMatchSupervised + 0.05,
            $"FixMatch with distribution alignment {DigitsRuns.FixMatchAligned:F4} against the supervised network's {DigitsRuns.FixMatchSupervised:F4}.");
    }
}

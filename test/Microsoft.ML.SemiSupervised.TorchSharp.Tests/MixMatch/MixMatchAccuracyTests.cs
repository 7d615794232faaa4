using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.MixMatch;

/// <summary>MixMatch on digits at 5 % labels, against the same network trained on the labeled rows alone.</summary>
public sealed class MixMatchAccuracyTests
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetwork() =>
        Assert.True(DigitsRuns.MixMatch >= DigitsRuns.Supervised + 0.02,
            $"MixMatch {DigitsRuns.MixMatch:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
}

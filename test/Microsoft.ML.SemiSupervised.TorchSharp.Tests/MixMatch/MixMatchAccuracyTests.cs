using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.MixMatch;

/// <summary>MixMatch on digits at 5 % labels, against the same network trained on the labeled rows alone.</summary>
[Collection(DigitsCollection.Name)]
public sealed class MixMatchAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetwork()
    {
        output.WriteLine($"digits test accuracy: MixMatch {DigitsRuns.MixMatch:F4}, supervised network {DigitsRuns.Supervised:F4}");
        Assert.True(DigitsRuns.MixMatch > DigitsRuns.Supervised,
            $"MixMatch {DigitsRuns.MixMatch:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
    }
}

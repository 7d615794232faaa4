using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.PseudoLabeling;

/// <summary>PseudoLabeling on digits at 5 % labels, against the same network trained on the labeled rows alone.</summary>
[Collection(DigitsCollection.Name)]
public sealed class PseudoLabelingAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetwork()
    {
        output.WriteLine($"digits test accuracy: PseudoLabeling {DigitsRuns.PseudoLabeling:F4}, supervised network {DigitsRuns.Supervised:F4}");
        Assert.True(DigitsRuns.PseudoLabeling > DigitsRuns.Supervised,
            $"PseudoLabeling {DigitsRuns.PseudoLabeling:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
    }
}

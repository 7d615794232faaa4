using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.PseudoLabeling;

/// <summary>PseudoLabeling on digits at 5 % labels, against the same network trained on the labeled rows alone.</summary>
public sealed class PseudoLabelingAccuracyTests
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetwork() =>
        Assert.True(DigitsRuns.PseudoLabeling >= DigitsRuns.Supervised + 0.02,
            $"PseudoLabeling {DigitsRuns.PseudoLabeling:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
}

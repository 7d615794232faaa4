using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.MeanTeacher;

/// <summary>The Pi-model (Mean Teacher with TeacherDecay 0) on digits at 5 % labels, against the same network trained on the labeled rows alone.</summary>
[Collection(DigitsCollection.Name)]
public sealed class PiModelAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetwork()
    {
        output.WriteLine($"digits test accuracy: Pi-model {DigitsRuns.PiModel:F4}, supervised network {DigitsRuns.Supervised:F4}");
        Assert.True(DigitsRuns.PiModel > DigitsRuns.Supervised,
            $"Pi-model {DigitsRuns.PiModel:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
    }
}

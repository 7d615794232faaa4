using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.MeanTeacher;

/// <summary>MeanTeacher on digits at 5 % labels, against the same network trained on the labeled rows alone.</summary>
[Collection(DigitsCollection.Name)]
public sealed class MeanTeacherAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetwork()
    {
        output.WriteLine($"digits test accuracy: MeanTeacher {DigitsRuns.MeanTeacher:F4}, supervised network {DigitsRuns.Supervised:F4}");
        Assert.True(DigitsRuns.MeanTeacher > DigitsRuns.Supervised,
            $"MeanTeacher {DigitsRuns.MeanTeacher:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
    }
}

using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.MeanTeacher;

/// <summary>MeanTeacher on digits at 5 % labels, against the same network trained on the labeled rows alone.</summary>
public sealed class MeanTeacherAccuracyTests
{
    [Fact]
    public void Fit_DigitsFivePercentLabels_BeatsSupervisedNetwork() =>
        Assert.True(DigitsRuns.MeanTeacher >= DigitsRuns.Supervised + 0.02,
            $"MeanTeacher {DigitsRuns.MeanTeacher:F4} against the supervised network's {DigitsRuns.Supervised:F4}.");
}

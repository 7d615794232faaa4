using Microsoft.ML.SemiSupervised.Neural;
using TorchSharp;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.FixMatch;

/// <summary>ReMixMatch's distribution alignment (<see cref="FixMatchOptions.DistributionAlignment"/>) on hand-made predictions.</summary>
public sealed class DistributionAlignmentTests
{
    private const int Precision = 5;

    [Fact]
    public void Align_PredictionsFavourOneClass_ScalesByLabeledShareOverMeanPredictionAndRenormalizes()
    {
        // Labeled rows: classes 0, 1, 1, 1 (shares 0.25, 0.75); row 4 unlabeled.
        var alignment = new DistributionAlignment([0, 1, 1, 1, -1], classCount: 2);
        using var probabilities = torch.tensor(new[] { 0.9f, 0.1f, 0.5f, 0.5f }, [2, 2]);

        using var aligned = alignment.Align(probabilities);

        // Mean prediction 0.7, 0.3: ratios 0.25 / 0.7 and 0.75 / 0.3, each row renormalized.
        var values = aligned.data<float>().ToArray();
        double a = 0.9 * 0.25 / 0.7, b = 0.1 * 0.75 / 0.3;
        Assert.Equal(a / (a + b), values[0], Precision);
        Assert.Equal(b / (a + b), values[1], Precision);
        double c = 0.5 * 0.25 / 0.7, d = 0.5 * 0.75 / 0.3;
        Assert.Equal(c / (c + d), values[2], Precision);
        Assert.Equal(d / (c + d), values[3], Precision);
    }

    [Fact]
    public void Align_PredictionsMatchLabeledShares_LeavesThemUnchanged()
    {
        var alignment = new DistributionAlignment([0, 1, -1, -1], classCount: 2);
        using var probabilities = torch.tensor(new[] { 0.8f, 0.2f, 0.2f, 0.8f }, [2, 2]);

        using var aligned = alignment.Align(probabilities);

        Assert.Equal(new[] { 0.8f, 0.2f, 0.2f, 0.8f }, aligned.data<float>().ToArray().Select(v => (float)Math.Round(v, 5)));
    }

    [Fact]
    public void Align_MoreStepsThanTheWindow_MeanCoversOnlyTheLastWindowSteps()
    {
        var alignment = new DistributionAlignment([0, 1, -1], classCount: 2);
        using var early = torch.tensor(new[] { 0.9f, 0.1f }, [1, 2]);
        for (int step = 0; step < DistributionAlignment.Window; step++)
            alignment.Align(early).Dispose();
        using var late = torch.tensor(new[] { 0.6f, 0.4f }, [1, 2]);
        for (int step = 0; step < DistributionAlignment.Window - 1; step++)
            alignment.Align(late).Dispose();

        // The window now holds 127 late steps and this one: the mean is the late prediction itself, so it aligns to 0.5, 0.5.
        using var aligned = alignment.Align(late);

        var values = aligned.data<float>().ToArray();
        Assert.Equal(0.5, values[0], Precision);
        Assert.Equal(0.5, values[1], Precision);
    }
}

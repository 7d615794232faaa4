using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TorchSharp.Samples;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Samples;

/// <summary>
/// Every neural sample prints what its "Expected output" comment says: the comment in the sample's source file
/// (samples/Microsoft.ML.SemiSupervised.TorchSharp.Samples/**/NAME.cs) is compared, line by line, with what the sample
/// writes when it runs (as the core suite's SampleOutputTests do for the main samples), with the numbers allowed to move
/// as far as the processor's kernels move them (<see cref="SampleOutputWithinKernelNoise"/>). Console output is global:
/// the test project runs one test at a time.
/// </summary>
public sealed class NeuralSampleOutputTests
{
    /// <summary>Every registered sample's name.</summary>
    public static TheoryData<string> SampleNames => new(Program.Samples.Keys);

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Example_Output_MatchesTheExpectedOutputInItsSource(string sample)
    {
        var expected = SampleOutput.Expected("Microsoft.ML.SemiSupervised.TorchSharp.Samples", sample);
        Assert.NotEmpty(expected);

        var actual = SampleOutput.Run(Program.Samples[sample]);

        Assert.Null(SampleOutputWithinKernelNoise.FirstDifference(expected, actual));
    }

    [Fact]
    public void Main_WithoutArguments_RunsFixMatchOnDigits()
    {
        Assert.Equal("FixMatchDigits", Program.MainSample);
        Assert.True(Program.Samples.ContainsKey(Program.MainSample));
    }

    private static readonly string[] FixMatchDigitsOnAmdEpyc =
    [
        "Training rows: 1258, labeled: 62",
        "FixMatch: 200 epochs, stopped: MaximumNumberOfEpochs",
        "Last epoch: 91 % of the unlabeled rows above the confidence threshold",
        "Test accuracy, the network on the labeled rows only: 0.859",
        "Test accuracy, FixMatch:                            0.957",
    ];

    [Fact]
    public void Compare_TheIntelXeonOutput_IsWithinTheKernelNoise()
    {
        string[] onIntelXeon = [.. FixMatchDigitsOnAmdEpyc[..4], "Test accuracy, FixMatch:                            0.963"];

        Assert.Null(SampleOutputWithinKernelNoise.FirstDifference(FixMatchDigitsOnAmdEpyc, onIntelXeon));
    }

    [Theory]
    [InlineData(4, "Test accuracy, FixMatch:                            0.940", "line 5: 0.940 against 0.957, more than 0.015 apart")]
    [InlineData(2, "Last epoch: 87 % of the unlabeled rows above the confidence threshold", "line 3: 87 % against 91 %, more than 3 apart")]
    [InlineData(0, "Training rows: 1258, labeled: 63", "line 1: 63 against 62, more than 0 apart")]
    [InlineData(1, "FixMatch: 200 epochs, stopped: NoImprovement", "line 2: the text differs")]
    public void Compare_ALineBeyondTheNoise_NamesTheLineAndTheNumbers(int line, string printed, string expectedStart)
    {
        var actual = (string[])FixMatchDigitsOnAmdEpyc.Clone();
        actual[line] = printed;

        string? difference = SampleOutputWithinKernelNoise.FirstDifference(FixMatchDigitsOnAmdEpyc, actual);

        Assert.NotNull(difference);
        Assert.StartsWith(expectedStart, difference);
    }

    [Fact]
    public void Compare_ALineMissing_SaysHowManyWerePrinted()
    {
        Assert.Equal("4 lines printed, 5 expected",
            SampleOutputWithinKernelNoise.FirstDifference(FixMatchDigitsOnAmdEpyc, FixMatchDigitsOnAmdEpyc[..4]));
    }
}

using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TorchSharp.Samples;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Samples;

/// <summary>
/// Every neural sample prints what its "Expected output" comment says: the comment in the sample's source file
/// (samples/Microsoft.ML.SemiSupervised.TorchSharp.Samples/**/NAME.cs) is compared, line by line, with what the sample
/// writes when it runs (as the core suite's SampleOutputTests do for the main samples). Console output is global: the test
/// project runs one test at a time.
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

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Main_WithoutArguments_RunsFixMatchOnDigits()
    {
        Assert.Equal("FixMatchDigits", Program.MainSample);
        Assert.True(Program.Samples.ContainsKey(Program.MainSample));
    }
}

using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Tests.Samples;

/// <summary>Console output is global: the sample tests run alone.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection
{
}

/// <summary>
/// Every sample prints what its "Expected output" comment says: the comment in the sample's source file
/// (samples/**/NAME.cs for the sample NAME) is read and compared, line by line, with what the sample writes
/// when it runs. A sample without the comment fails.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class SampleOutputTests
{
    /// <summary>Every registered sample's name.</summary>
    public static TheoryData<string> SampleNames => new(ML.SemiSupervised.Samples.Program.Samples.Keys);

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Example_Output_MatchesTheExpectedOutputInItsSource(string sample)
    {
        var expected = SampleOutput.Expected("Microsoft.ML.SemiSupervised.Samples", sample);
        Assert.NotEmpty(expected);

        var actual = SampleOutput.Run(ML.SemiSupervised.Samples.Program.Samples[sample]);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Main_WithoutArguments_RunsTheMainSample()
    {
        Assert.True(ML.SemiSupervised.Samples.Program.Samples.ContainsKey(ML.SemiSupervised.Samples.Program.MainSample));
        Assert.Equal("SelfTrainingDigits", ML.SemiSupervised.Samples.Program.MainSample);
    }
}

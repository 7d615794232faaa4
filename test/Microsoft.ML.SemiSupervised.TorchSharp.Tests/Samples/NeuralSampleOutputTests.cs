using System.Text.RegularExpressions;
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
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "Microsoft.ML.SemiSupervised.TorchSharp.Samples"), sample + ".cs", SearchOption.AllDirectories);
        var expected = ExpectedOutput(Assert.Single(sources));
        Assert.NotEmpty(expected);

        var actual = Run(Program.Samples[sample]);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Main_WithoutArguments_RunsFixMatchOnDigits()
    {
        Assert.Equal("FixMatchDigits", Program.MainSample);
        Assert.True(Program.Samples.ContainsKey(Program.MainSample));
    }

    private static string[] Run(Action example)
    {
        var original = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            example();
        }
        finally
        {
            Console.SetOut(original);
        }
        return writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
    }

    private static string[] ExpectedOutput(string path)
    {
        var lines = File.ReadAllLines(path);
        int start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("// Expected output", StringComparison.Ordinal));
        if (start < 0)
            return [];
        return lines.Skip(start + 1).TakeWhile(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"^\s*// ?", "")).ToArray();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Microsoft.ML.SemiSupervised.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (with Microsoft.ML.SemiSupervised.sln) is not above the test assembly.");
    }
}

using System.Text.RegularExpressions;

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
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "Microsoft.ML.SemiSupervised.Samples"), sample + ".cs", SearchOption.AllDirectories);
        var expected = ExpectedOutput(Assert.Single(sources));
        Assert.NotEmpty(expected);

        var actual = Run(ML.SemiSupervised.Samples.Program.Samples[sample]);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Main_WithoutArguments_RunsTheMainSample()
    {
        Assert.True(ML.SemiSupervised.Samples.Program.Samples.ContainsKey(ML.SemiSupervised.Samples.Program.MainSample));
        Assert.Equal("SelfTrainingDigits", ML.SemiSupervised.Samples.Program.MainSample);
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
        // "// Expected output:", or with a note in parentheses: "// Expected output (accuracy on the held-out rows):".
        int start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("// Expected output", StringComparison.Ordinal));
        if (start < 0)
            return Array.Empty<string>();
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

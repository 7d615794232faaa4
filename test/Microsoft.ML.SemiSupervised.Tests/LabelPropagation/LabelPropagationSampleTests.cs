using System.Text.RegularExpressions;
using Microsoft.ML.SemiSupervised.Tests.Samples;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// The label propagation samples print what the "Expected output" comment in their source says (compared line by
/// line, the comment's heading in parentheses ignored). Console output is global, so these run in the console collection.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class LabelPropagationSampleTests
{
    [Theory]
    [InlineData("LabelSpreadingMoons", "LabelPropagation/LabelSpreadingMoons.cs")]
    [InlineData("LabelSpreadingThenTrainer", "LabelPropagation/LabelSpreadingThenTrainer.cs")]
    public void Example_Output_MatchesTheExpectedOutputInItsSource(string sample, string sourceFile)
    {
        var expected = ExpectedOutput(Path.Combine(RepositoryRoot(), "samples", "Microsoft.ML.SemiSupervised.Samples", sourceFile));
        Assert.NotEmpty(expected);

        var actual = Run(ML.SemiSupervised.Samples.Program.Samples[sample]);

        Assert.Equal(expected, actual);
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
        return lines.Skip(start + 1).TakeWhile(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"^\s*// ?", "")).ToArray();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Microsoft.ML.SemiSupervised.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Could not find the repository root.");
    }
}

using System.Text.RegularExpressions;

namespace Microsoft.ML.SemiSupervised.Tests.CoTraining;

/// <summary>
/// The co-training and tri-training samples print what their "Expected output" comments say (console output is
/// global: these run in the console collection, alone).
/// </summary>
[Collection("ConsoleCollection")]
public sealed class CoTrainingSampleTests
{
    [Theory]
    [InlineData("CoTrainingBreastCancer", "CoTraining/CoTrainingBreastCancer.cs")]
    [InlineData("TriTrainingDigits", "TriTraining/TriTrainingDigits.cs")]
    public void Example_Output_MatchesTheExpectedOutputInItsSource(string sample, string sourceFile)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Microsoft.ML.SemiSupervised.sln")))
            root = root.Parent;
        var lines = File.ReadAllLines(Path.Combine(root!.FullName, "samples", "Microsoft.ML.SemiSupervised.Samples", sourceFile));
        int start = Array.FindIndex(lines, l => l.Trim() == "// Expected output:");
        var expected = lines.Skip(start + 1).TakeWhile(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"^\s*// ?", "")).ToArray();
        Assert.NotEmpty(expected);

        var original = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            ML.SemiSupervised.Samples.Program.Samples[sample]();
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Equal(expected, writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray());
    }
}

using System.Text.RegularExpressions;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// What a sample prints against what its source says it prints: the lines of the "// Expected output" comment in the
/// sample's file (samples/PROJECT/**/NAME.cs), and the lines the sample writes to the console when it runs. Shared by
/// the main samples' tests and the neural samples' tests, which link this file.
/// </summary>
internal static class SampleOutput
{
    /// <summary>
    /// The expected lines of the sample <paramref name="sample"/> of the samples project <paramref name="project"/>: the
    /// comment lines after "// Expected output" (or "// Expected output (a note):"), without their "//".
    /// Empty when the source has no such comment.
    /// </summary>
    public static string[] Expected(string project, string sample)
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", project), sample + ".cs", SearchOption.AllDirectories);
        var lines = File.ReadAllLines(Assert.Single(sources));
        int start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("// Expected output", StringComparison.Ordinal));
        if (start < 0)
            return [];
        return lines.Skip(start + 1).TakeWhile(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"^\s*// ?", "")).ToArray();
    }

    /// <summary>The non-empty lines <paramref name="example"/> writes to the console (console output is global: run alone).</summary>
    public static string[] Run(Action example)
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

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Microsoft.ML.SemiSupervised.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (with Microsoft.ML.SemiSupervised.sln) is not above the test assembly.");
    }
}

namespace Microsoft.ML.SemiSupervised.TorchSharp.Samples;

/// <summary>
/// Runs one of the neural package's samples by name:
/// <c>dotnet run --project samples/Microsoft.ML.SemiSupervised.TorchSharp.Samples -- NAME</c>. Without a name it runs the
/// main sample.
/// </summary>
public static class Program
{
    /// <summary>The sample that runs when no name is given.</summary>
    public const string MainSample = "FixMatchDigits";

    /// <summary>Every sample, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Action> Samples = new Dictionary<string, Action>(StringComparer.OrdinalIgnoreCase)
    {
        [MainSample] = FixMatch.FixMatchDigits.Example,
    };

    /// <summary>Runs the sample named by the first argument, or the main sample.</summary>
    public static int Main(string[] args)
    {
        var name = args.Length > 0 ? args[0] : MainSample;
        if (!Samples.TryGetValue(name, out var run))
        {
            Console.Error.WriteLine($"Unknown sample '{name}'. Samples: {string.Join(", ", Samples.Keys)}.");
            return 2;
        }
        run();
        return 0;
    }
}

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// Runs one of the neural package's benchmark runners by name:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks -- fashion-mnist fixmatch</c>
/// (each runner's file says its arguments).
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], int>> Runners = new()
    {
        ["fashion-mnist"] = FashionMnistRun.Run,
    };

    /// <summary>Runs the named runner and returns its exit code.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && Runners.TryGetValue(args[0], out var runner))
            return runner(args[1..]);
        Console.Error.WriteLine($"Name a runner: {string.Join(", ", Runners.Keys)}.");
        return 2;
    }
}

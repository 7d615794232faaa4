using BenchmarkDotNet.Running;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks;

/// <summary>
/// Runs the neural package's benchmarks:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.TorchSharp.Benchmarks -- --filter '*'</c>,
/// or a timed runner by name (<c>-- loaded-vs-live [ROUNDS]</c>, <c>-- prediction-threads [ROWS] [ROUNDS] [THREADS]</c>, <c>-- fashion-mnist fixmatch</c>; each runner's file says its arguments).
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], int>> Runners = new()
    {
        ["loaded-vs-live"] = NeuralLoadedModelAlternatingRun.Run,
        ["fashion-mnist"] = FashionMnistRun.Run,
        ["prediction-threads"] = NeuralPredictionThreadsRun.Run,
    };

    /// <summary>Runs the named timed runner (its exit code), or hands the arguments to BenchmarkDotNet's switcher.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && Runners.TryGetValue(args[0], out var runner))
            return runner(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

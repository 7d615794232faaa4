using BenchmarkDotNet.Running;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Hands the arguments to BenchmarkDotNet's switcher.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "sklearn-compare")
        {
            ScikitLearnComparison.Run(args[1..]);
            return;
        }
        if (args.Length > 0 && args[0] == "setred-compare")
        {
            SetredComparison.Run(args[1..]);
            return;
        }
        if (args.Length > 0 && args[0] == "label-propagation")
        {
            LabelPropagationTimedRun.Run(args[1..]);
            return;
        }
        if (args.Length > 0 && args[0] == "loaded-vs-live")
        {
            LoadedModelAlternatingRun.Run(args[1..]);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

using BenchmarkDotNet.Running;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- --filter '*'</c>,
/// or one of the timed runners by name (<c>-- sparse-text 20000</c>; each runner's file says its arguments).
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], int>> Runners = new()
    {
        ["sklearn-compare"] = args => { ScikitLearnComparison.Run(args); return 0; },
        ["exact-search"] = args => { ExactSearchComparison.Run(args); return 0; },
        ["setred-compare"] = args => { SetredComparison.Run(args); return 0; },
        ["label-propagation"] = LabelPropagationTimedRun.Run,
        ["graph-steps"] = GraphStepsRun.Run,
        ["loaded-vs-live"] = LoadedModelAlternatingRun.Run,
        ["sparse-text"] = SparseTextTimedRun.Run,
        ["sparse-search"] = SparseSearchAlternatingRun.Run,
        ["sparse-save"] = SparseSaveRun.Run,
        ["model-fixtures"] = ModelFixtureGenerator.Run,
        ["index-search"] = IndexSearchRun.Run,
        ["new-rows"] = NewRowsTimedRun.Run,
        ["auto-table"] = AutoTable.Run,
        ["graph-defaults"] = GraphDefaultsComparison.Run,
        ["ten-million"] = TenMillionRun.Run,
        ["descent-compare"] = DescentComparisonRun.Run,
        ["selftraining-defaults"] = SelfTrainingDefaultsTable.Run,
        ["auto-rules"] = AutoRuleTable.Run,
        ["auto-reverse"] = AutoReverseValidation.Run,
        ["shift-false-alarms"] = ShiftCheckFalseAlarms.Run,
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

namespace Microsoft.ML.SemiSupervised.Samples;

/// <summary>
/// Runs one sample by name: <c>dotnet run --project samples/Microsoft.ML.SemiSupervised.Samples -- NAME</c>.
/// Without a name it runs the main sample.
/// </summary>
public static class Program
{
    /// <summary>The sample that runs when no name is given.</summary>
    public const string MainSample = "SelfTrainingDigits";

    /// <summary>Every sample, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Action> Samples = new Dictionary<string, Action>(StringComparer.OrdinalIgnoreCase)
    {
        // Each technique adds its samples here, one line each.
        [MainSample] = SelfTraining.SelfTrainingDigits.Example,
        ["SelfTrainingClassDrift"] = SelfTraining.SelfTrainingClassDrift.Example,
        ["LearningCurveDigits"] = Evaluation.LearningCurveDigits.Example,
        ["LabelSpreadingMoons"] = LabelPropagation.LabelSpreadingMoons.Example,
        ["LabelSpreadingThenTrainer"] = LabelPropagation.LabelSpreadingThenTrainer.Example,
        ["CoTrainingBreastCancer"] = CoTraining.CoTrainingBreastCancer.Example,
        ["TriTrainingDigits"] = TriTraining.TriTrainingDigits.Example,
        ["AutoBreastCancer"] = Auto.AutoBreastCancer.Example,
    };

    /// <summary>Runs the sample named by the first argument, or the main sample.</summary>
    public static int Main(string[] args)
    {
        if (Samples.Count == 0)
        {
            Console.Error.WriteLine("No samples yet.");
            return 1;
        }
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

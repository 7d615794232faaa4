using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Conformance;

/// <summary>
/// The core suite's estimator checks (EstimatorConformance, linked from Microsoft.ML.SemiSupervised.Tests) over every
/// neural catalog entry point: the predicted output schema is the real one, a saved model loads in a fresh context with
/// identical outputs, fitting leaves the input unchanged, identical fits save identical zips (but for the report's epoch
/// times), and transforming from
/// several threads at once gives the same outputs.
/// </summary>
public sealed class NeuralConformanceTests
{
    private static readonly string[] s_outputs = ["PredictedLabel", "Score"];

    public static TheoryData<string> Methods() => ["FixMatch", "MixMatch", "MeanTeacher", "PiModel", "PseudoLabeling"];

    private static NeuralEstimator Create(MLContext ml, string method)
    {
        const int epochs = 2;
        int[] hidden = [16];
        return method switch
        {
            "FixMatch" => ml.SemiSupervised.FixMatch(new FixMatchOptions { MaximumNumberOfIterations = epochs, HiddenLayerSizes = hidden, Seed = 1, ConfidenceThreshold = 0.5 }),
            "MixMatch" => ml.SemiSupervised.MixMatch(new MixMatchOptions { MaximumNumberOfIterations = epochs, HiddenLayerSizes = hidden, Seed = 1 }),
            "MeanTeacher" => ml.SemiSupervised.MeanTeacher(new MeanTeacherOptions { MaximumNumberOfIterations = epochs, HiddenLayerSizes = hidden, Seed = 1 }),
            "PiModel" => ml.SemiSupervised.MeanTeacher(new MeanTeacherOptions { MaximumNumberOfIterations = epochs, HiddenLayerSizes = hidden, Seed = 1, TeacherDecay = 0 }),
            _ => ml.SemiSupervised.PseudoLabeling(new PseudoLabelingOptions { MaximumNumberOfIterations = epochs, HiddenLayerSizes = hidden, Seed = 1 }),
        };
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Fit_Method_PassesConformance(string method)
    {
        var ml = new MLContext(seed: 1);
        var data = IrisRows.PartlyLabeled(ml);
        var before = EstimatorConformance.Snapshot(data);
        var estimator = Create(ml, method);
        var model = estimator.Fit(data);

        EstimatorConformance.SnapshotsEqual(before, EstimatorConformance.Snapshot(data));
        EstimatorConformance.OutputSchemaMatches(estimator, model, data);
        EstimatorConformance.SaveLoadIdentical(ml, model, data, s_outputs);
        EstimatorConformance.ConcurrentTransformIdentical(model, data, s_outputs);
        var again = Create(new MLContext(seed: 1), method).Fit(data);
        Assert.Equal(WithoutElapsedTime(EstimatorConformance.SavedEntries(ml, model, data.Schema)), WithoutElapsedTime(EstimatorConformance.SavedEntries(ml, again, data.Schema)));
    }

    // The one value a saved model may differ in between two fits with the same seed: the wall-clock time each epoch of
    // its saved report carries (NeuralEpoch.Elapsed, saved as "elapsedTicks"), as the core suite masks Auto's. Latin-1 maps
    // every byte to one character, so nothing else of the entries is lost to the comparison.
    private static Dictionary<string, string> WithoutElapsedTime(SortedDictionary<string, byte[]> entries) => entries.ToDictionary(
        e => e.Key, e => Regex.Replace(Encoding.Latin1.GetString(e.Value), "\"elapsedTicks\":[0-9]+", "\"elapsedTicks\":(elapsed)"));
}

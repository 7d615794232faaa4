using Microsoft.ML.SemiSupervised.Neural;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>
/// The digits fits the accuracy tests compare, each made once per test run (they are the slow part of the suite): every
/// method with the same network (a perceptron on the 8x8 images, image augmentations), seed, epochs and steps, and the
/// supervised baseline, the same network trained on the labeled rows alone (FixMatch with UnlabeledLossWeight 0: the same
/// steps, weak augmentation and weight average, no unlabeled row). Every method draws 7 unlabeled rows per labeled row (FixMatch's
/// mu), so every fit takes the same 1200 steps (200 epochs of 6); FixMatch uses a confidence threshold of 0.9 (the paper's
/// 0.95 reaches fewer of the 8x8 digits' pseudo-labels in so few steps). Accuracy is ML.NET's MicroAccuracy on digits_test.csv.
/// </summary>
internal static class DigitsRuns
{
    public const int Epochs = 200;
    public const int UnlabeledRatio = 7;
    private const int Seed = 1;

    private static readonly Lazy<double> s_supervised = new(() => Fit(ml => ml.SemiSupervised.FixMatch(Configure(new FixMatchOptions { UnlabeledLossWeight = 0, UnlabeledRatio = UnlabeledRatio }))));
    private static readonly Lazy<double> s_fixMatch = new(() => Fit(ml => ml.SemiSupervised.FixMatch(Configure(new FixMatchOptions { ConfidenceThreshold = 0.9, UnlabeledRatio = UnlabeledRatio }))));
    private static readonly Lazy<double> s_mixMatch = new(() => Fit(ml => ml.SemiSupervised.MixMatch(Configure(new MixMatchOptions { UnlabeledRatio = UnlabeledRatio }))));
    private static readonly Lazy<double> s_meanTeacher = new(() => Fit(ml => ml.SemiSupervised.MeanTeacher(Configure(new MeanTeacherOptions { UnlabeledRatio = UnlabeledRatio }))));
    private static readonly Lazy<double> s_pseudoLabeling = new(() => Fit(ml => ml.SemiSupervised.PseudoLabeling(Configure(new PseudoLabelingOptions { UnlabeledRatio = UnlabeledRatio }))));

    public static double Supervised => s_supervised.Value;

    public static double FixMatch => s_fixMatch.Value;

    public static double MixMatch => s_mixMatch.Value;

    public static double MeanTeacher => s_meanTeacher.Value;

    public static double PseudoLabeling => s_pseudoLabeling.Value;

    private static T Configure<T>(T options)
        where T : NeuralNetworkOptions
    {
        options.MaximumNumberOfIterations = Epochs;
        options.ImageHeight = Digits.Side;
        options.ImageWidth = Digits.Side;
        options.Seed = Seed;
        options.NumberOfThreads = 1;
        return options;
    }

    private static double Fit(Func<MLContext, NeuralEstimator> create)
    {
        var ml = new MLContext(seed: Seed);
        var model = create(ml).Fit(Digits.Train(ml));
        return Accuracy.On(ml, model, Digits.Test(ml));
    }
}

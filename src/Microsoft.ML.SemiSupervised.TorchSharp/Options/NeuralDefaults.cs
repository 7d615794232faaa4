namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>The default value of every neural option, in one place (each option's documentation repeats it).</summary>
internal static class NeuralDefaults
{
    public const int NumberOfEpochs = 30;
    public const int BatchSize = 32;
    public const double LearningRate = 0.03;
    public const double Momentum = 0.9;
    public const double WeightDecay = 5e-4;
    public const double ExponentialMovingAverageDecay = 0.999;
    public const int HiddenLayerSize = 256;
    public static readonly int[] ConvolutionalChannels = [16, 32, 64];
    public const double ValidationPatience = 10;
    public const double ImageCutoutSize = 0.25;

    public const double FixMatchConfidenceThreshold = 0.95;
    public const double FixMatchUnlabeledLossWeight = 1;
    public const int FixMatchUnlabeledRatio = 7;

    public const int MixMatchNumberOfAugmentations = 2;
    public const double MixMatchTemperature = 0.5;
    public const double MixMatchAlpha = 0.75;
    public const double MixMatchUnlabeledLossWeight = 25;
    public const int MixMatchUnlabeledRatio = 1;

    public const double MeanTeacherTeacherDecay = 0.99;
    public const double MeanTeacherConsistencyWeight = 10;
    public const int MeanTeacherUnlabeledRatio = 4;

    public const double PseudoLabelingUnlabeledLossWeight = 3;
    public const int PseudoLabelingUnlabeledRatio = 4;

    public const double RampUpFraction = 0.4;
}

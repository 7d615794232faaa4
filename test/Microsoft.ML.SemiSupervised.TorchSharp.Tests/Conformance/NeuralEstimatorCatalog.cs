using Microsoft.ML.SemiSupervised.Neural;
using TorchSharp;
using K = Microsoft.ML.SemiSupervised.Tests.Conformance.ConformanceLabelKind;

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>
/// The neural entry points as cases of the core suite's conformance checks. The conformance tests, their helpers and
/// the theory lists (EstimatorCatalogTheories.cs) are linked from Microsoft.ML.SemiSupervised.Tests, not copied; this
/// part supplies the cases they run over in this project, so every check of ConformanceInputTests,
/// ConformanceModelTests and ConformanceCancellationTests runs on FixMatch, MixMatch, MeanTeacher and PseudoLabeling.
/// </summary>
/// <remarks>
/// Tiny fits (a perceptron of one hidden layer of 8, one LibTorch thread, 60 epochs of the conformance table's 21 rows)
/// so that the whole suite stays a few seconds a method. The model is multiclass for every label (binary as two classes).
/// MixMatch runs with UnlabeledLossWeight 1: at its default of 75 (CIFAR-10's value) the ramped squared error outweighs
/// the 9 labeled rows within these 60 epochs and labeled rows of the well separated clusters were predicted as another
/// class (the same weight is what keeps MixMatch below the supervised network on Fashion-MNIST, docs/neural-networks.md).
/// </remarks>
public static partial class EstimatorCatalog
{
    private const int Epochs = 60;

    /// <summary>Every neural case.</summary>
    public static IReadOnlyList<ConformanceCase> All { get; } =
    [
        new("FixMatch", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key, K.Text],
            s => Tiny(new FixMatchOptions(), s), (ml, o) => ml.SemiSupervised.FixMatch((FixMatchOptions)o), typeof(NeuralReport)),
        new("MixMatch", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key, K.Text],
            s => Tiny(new MixMatchOptions { UnlabeledLossWeight = 1 }, s), (ml, o) => ml.SemiSupervised.MixMatch((MixMatchOptions)o), typeof(NeuralReport)),
        new("MeanTeacher", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key, K.Text],
            s => Tiny(new MeanTeacherOptions(), s), (ml, o) => ml.SemiSupervised.MeanTeacher((MeanTeacherOptions)o), typeof(NeuralReport)),
        new("PseudoLabeling", ConformanceTask.Multiclass, [K.Single, K.Double, K.Boolean, K.Key, K.Text],
            s => Tiny(new PseudoLabelingOptions(), s), (ml, o) => ml.SemiSupervised.PseudoLabeling((PseudoLabelingOptions)o), typeof(NeuralReport)),
    ];

    /// <summary>
    /// A changed value for the option types only the neural options have (ConformanceModelTests.ChangeEveryOption):
    /// hidden layers [-1], an augmentation and validation rows that fail when used.
    /// </summary>
    public static object? ChangedOptionValue(Type optionType) => optionType switch
    {
        _ when optionType == typeof(int[]) => new[] { -1 },
        _ when optionType == typeof(Augmentation) => new ThrowingAugmentation(),
        _ when optionType == typeof(IDataView) => new MLContext(1).Data.LoadFromEnumerable(new[] { new OtherRow() }),
        _ => null,
    };

    private static T Tiny<T>(T options, ConformanceSettings settings)
        where T : NeuralNetworkOptions
    {
        options.LabelColumnName = settings.LabelColumnName;
        options.FeatureColumnName = settings.FeatureColumnName;
        options.Seed = settings.Seed;
        options.MaximumNumberOfIterations = Epochs;
        options.HiddenLayerSizes = [8];
        options.BatchSize = 4;
        options.NumberOfThreads = 1;
        return options;
    }

    private sealed class ThrowingAugmentation : Augmentation
    {
        public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context) =>
            throw new InvalidOperationException("An augmentation set on the options after the estimator was created was used.");
    }

    private sealed class OtherRow
    {
        public float Other { get; set; }
    }
}

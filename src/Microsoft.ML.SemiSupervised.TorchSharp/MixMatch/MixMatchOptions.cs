using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Options of MixMatch (<c>mlContext.SemiSupervised.MixMatch</c>).</summary>
/// <remarks>
/// MixMatch (Berthelot et al., 2019): each unlabeled row is augmented <see cref="NumberOfAugmentations"/> times (weak
/// augmentation); the network's class probabilities are averaged over them and sharpened with
/// <see cref="Temperature"/> into the row's guess. Labeled rows (with their one-hot labels) and unlabeled rows (with
/// their guesses) are mixed with rows drawn from both (MixUp, lambda from Beta(<see cref="Alpha"/>, <see cref="Alpha"/>),
/// kept at least 0.5); the loss is the cross-entropy on the mixed labeled rows plus <see cref="UnlabeledLossWeight"/>
/// (ramped up) times the squared error on the mixed unlabeled rows.
/// </remarks>
public sealed class MixMatchOptions : NeuralNetworkOptions
{
    /// <summary>The augmentations per unlabeled row whose predictions are averaged (K), positive.</summary>
    /// <value>The default value is 2 (the paper's).</value>
    public int NumberOfAugmentations { get; set; } = NeuralDefaults.MixMatchNumberOfAugmentations;

    /// <summary>The sharpening temperature (T), in (0, 1].</summary>
    /// <value>The default value is 0.5 (the paper's).</value>
    public double Temperature { get; set; } = NeuralDefaults.MixMatchTemperature;

    /// <summary>The MixUp Beta distribution's parameter (alpha), positive.</summary>
    /// <value>The default value is 0.75 (the paper's).</value>
    public double Alpha { get; set; } = NeuralDefaults.MixMatchAlpha;

    /// <summary>The final weight of the unlabeled squared-error loss (lambda_u), non-negative; 0 is the supervised baseline (with MixUp).</summary>
    /// <value>
    /// The default value is 25. The paper's 75 (CIFAR-10, a wide ResNet) did worse on the small networks here: on digits at
    /// 5 % labels (200 epochs, seeds 1 and 2) 75 scored 0.917 and 0.917, 25 scored 0.922 and 0.935; on Fashion-MNIST the
    /// perceptron's accuracy fell as the weight ramped up to 75 (docs/neural-networks.md).
    /// </value>
    public double UnlabeledLossWeight { get; set; } = NeuralDefaults.MixMatchUnlabeledLossWeight;

    /// <summary>The unlabeled rows per labeled row in each step, positive.</summary>
    /// <value>The default value is 1 (the paper's).</value>
    public int UnlabeledRatio { get; set; } = NeuralDefaults.MixMatchUnlabeledRatio;

    /// <summary>The share of the steps over which the unlabeled weight ramps up (<c>exp(-5 (1 - t)^2)</c>), in [0, 1].</summary>
    /// <value>The default value is 0.4.</value>
    public double RampUpFraction { get; set; } = NeuralDefaults.RampUpFraction;

    internal override string MethodName => "MixMatch";

    internal override int UnlabeledRowsPerLabeledRow => UnlabeledRatio;

    internal override NeuralNetworkOptions Clone() => CopySharedTo(new MixMatchOptions
    {
        NumberOfAugmentations = NumberOfAugmentations,
        Temperature = Temperature,
        Alpha = Alpha,
        UnlabeledLossWeight = UnlabeledLossWeight,
        UnlabeledRatio = UnlabeledRatio,
        RampUpFraction = RampUpFraction,
    });

    private protected override void ValidateMethod(OptionErrors errors)
    {
        errors.Check(NumberOfAugmentations > 0, $"NumberOfAugmentations must be positive; got {NumberOfAugmentations}.");
        errors.Check(Temperature > 0 && Temperature <= 1, $"Temperature must be in (0, 1]; got {Temperature}.");
        errors.Check(double.IsFinite(Alpha) && Alpha > 0, $"Alpha must be positive; got {Alpha}.");
        errors.Check(double.IsFinite(UnlabeledLossWeight) && UnlabeledLossWeight >= 0, $"UnlabeledLossWeight must be non-negative; got {UnlabeledLossWeight}.");
        errors.Check(UnlabeledRatio > 0, $"UnlabeledRatio must be positive; got {UnlabeledRatio}.");
        errors.Check(RampUpFraction >= 0 && RampUpFraction <= 1, $"RampUpFraction must be in [0, 1]; got {RampUpFraction}.");
    }
}

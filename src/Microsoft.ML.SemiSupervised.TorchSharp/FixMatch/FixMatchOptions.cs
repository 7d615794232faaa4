using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Options of FixMatch (<c>mlContext.SemiSupervised.FixMatch</c>).</summary>
/// <remarks>
/// FixMatch (Sohn et al., 2020): the prediction on a weakly augmented unlabeled row becomes its pseudo-label when its
/// confidence reaches <see cref="ConfidenceThreshold"/>; the network is trained to predict it on a strongly augmented copy.
/// The loss is the labeled cross-entropy plus <see cref="UnlabeledLossWeight"/> times the masked unlabeled cross-entropy.
/// </remarks>
public sealed class FixMatchOptions : NeuralNetworkOptions
{
    /// <summary>The confidence (largest class probability) at which a pseudo-label is used, in (0, 1].</summary>
    /// <value>The default value is 0.95 (the paper's).</value>
    public double ConfidenceThreshold { get; set; } = NeuralDefaults.FixMatchConfidenceThreshold;

    /// <summary>
    /// How <see cref="ConfidenceThreshold"/> is applied: one threshold for every class (FixMatch's), or per-class thresholds
    /// scaled by how well the network has learned each class (FlexMatch's curriculum, <see cref="ConfidenceThresholdKind.ClassAdaptive"/>).
    /// </summary>
    /// <value>The default value is <see cref="ConfidenceThresholdKind.Fixed"/> (the paper's).</value>
    public ConfidenceThresholdKind ThresholdKind { get; set; } = ConfidenceThresholdKind.Fixed;

    /// <summary>
    /// Whether the weak view's predictions are aligned with the labeled rows' class distribution before the threshold
    /// (ReMixMatch's distribution alignment, Berthelot et al., 2020): each prediction is multiplied class by class by the
    /// labeled rows' share of the class over the mean prediction of the class on the unlabeled rows in the last 128 steps,
    /// then renormalized. It lifts the classes the network predicts too rarely, so that more of their rows pass the threshold.
    /// </summary>
    /// <value>The default value is false (FixMatch's).</value>
    public bool DistributionAlignment { get; set; }

    /// <summary>
    /// The weight of the unlabeled loss (lambda_u), non-negative; 0 trains the same network on the labeled rows alone
    /// (same steps and augmentations): the supervised baseline.
    /// </summary>
    /// <value>The default value is 1 (the paper's).</value>
    public double UnlabeledLossWeight { get; set; } = NeuralDefaults.FixMatchUnlabeledLossWeight;

    /// <summary>The unlabeled rows per labeled row in each step (mu), positive.</summary>
    /// <value>The default value is 7 (the paper's).</value>
    public int UnlabeledRatio { get; set; } = NeuralDefaults.FixMatchUnlabeledRatio;

    /// <summary>
    /// For the Fashion-MNIST runner, measured and not offered (docs/neural-networks.md): false drops FlexMatch's warm-up
    /// from <see cref="ConfidenceThresholdKind.ClassAdaptive"/> thresholds.
    /// </summary>
    internal bool ThresholdWarmUp { get; set; } = true;

    internal override string MethodName => "FixMatch";

    internal override int UnlabeledRowsPerLabeledRow => UnlabeledRatio;

    internal override NeuralNetworkOptions Clone() => CopySharedTo(new FixMatchOptions
    {
        ConfidenceThreshold = ConfidenceThreshold,
        ThresholdKind = ThresholdKind,
        DistributionAlignment = DistributionAlignment,
        ThresholdWarmUp = ThresholdWarmUp,
        UnlabeledLossWeight = UnlabeledLossWeight,
        UnlabeledRatio = UnlabeledRatio,
    });

    private protected override void ValidateMethod(OptionErrors errors)
    {
        errors.Check(ConfidenceThreshold > 0 && ConfidenceThreshold <= 1, $"ConfidenceThreshold must be in (0, 1]; got {ConfidenceThreshold}.");
        errors.Check(Enum.IsDefined(ThresholdKind), $"ThresholdKind must be Fixed or ClassAdaptive; got {ThresholdKind}.");
        errors.Check(double.IsFinite(UnlabeledLossWeight) && UnlabeledLossWeight >= 0, $"UnlabeledLossWeight must be non-negative; got {UnlabeledLossWeight}.");
        errors.Check(UnlabeledRatio > 0, $"UnlabeledRatio must be positive; got {UnlabeledRatio}.");
    }
}

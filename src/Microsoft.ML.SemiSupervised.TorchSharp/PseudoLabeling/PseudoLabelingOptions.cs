using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Options of batch pseudo-labeling (<c>mlContext.SemiSupervised.PseudoLabeling</c>).</summary>
/// <remarks>
/// Pseudo-labeling (Lee, 2013): in every step the network's own hard prediction on each unlabeled row (the class of
/// largest probability) is that row's target; the loss is the labeled cross-entropy plus a weight, ramped up from 0
/// to <see cref="UnlabeledLossWeight"/> over the first <see cref="RampUpFraction"/> of the steps, times the unlabeled
/// cross-entropy.
/// </remarks>
public sealed class PseudoLabelingOptions : NeuralNetworkOptions
{
    /// <summary>The final weight of the unlabeled loss, non-negative; 0 is the supervised baseline.</summary>
    /// <value>The default value is 3 (Lee's).</value>
    public double UnlabeledLossWeight { get; set; } = NeuralDefaults.PseudoLabelingUnlabeledLossWeight;

    /// <summary>The unlabeled rows per labeled row in each step, positive.</summary>
    /// <value>The default value is 4.</value>
    public int UnlabeledRatio { get; set; } = NeuralDefaults.PseudoLabelingUnlabeledRatio;

    /// <summary>
    /// The share of the steps over which the unlabeled weight ramps up, in [0, 1], with Laine and Aila's
    /// <c>exp(-5 (1 - t)^2)</c> (0 for none).
    /// </summary>
    /// <value>The default value is 0.4.</value>
    public double RampUpFraction { get; set; } = NeuralDefaults.RampUpFraction;

    internal override string MethodName => "pseudo-labeling";

    internal override int UnlabeledRowsPerLabeledRow => UnlabeledRatio;

    internal override NeuralNetworkOptions Clone() => CopySharedTo(new PseudoLabelingOptions
    {
        UnlabeledLossWeight = UnlabeledLossWeight,
        UnlabeledRatio = UnlabeledRatio,
        RampUpFraction = RampUpFraction,
    });

    private protected override void ValidateMethod(OptionErrors errors)
    {
        errors.Check(double.IsFinite(UnlabeledLossWeight) && UnlabeledLossWeight >= 0, $"UnlabeledLossWeight must be non-negative; got {UnlabeledLossWeight}.");
        errors.Check(UnlabeledRatio > 0, $"UnlabeledRatio must be positive; got {UnlabeledRatio}.");
        errors.Check(RampUpFraction >= 0 && RampUpFraction <= 1, $"RampUpFraction must be in [0, 1]; got {RampUpFraction}.");
    }
}

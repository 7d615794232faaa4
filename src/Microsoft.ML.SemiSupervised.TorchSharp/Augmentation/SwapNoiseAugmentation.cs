using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Swap noise: replaces each feature, with a probability, by the same feature of a random training row, so that the
/// value stays one the feature really takes.
/// </summary>
public sealed class SwapNoiseAugmentation : Augmentation
{
    /// <summary>The probability that a feature is swapped, in [0, 1].</summary>
    /// <value>The default value is 0.15.</value>
    public double Probability { get; init; } = 0.15;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        using var draw = torch.rand(rows.shape, generator: context.Generator);
        using var mask = draw.Below(Probability);
        using var donors = torch.randint(0, context.TrainingRows.shape[0], rows.shape, generator: context.Generator, dtype: torch.int64);
        using var swapped = context.TrainingRows.gather(0, donors);
        return torch.where(mask, swapped, rows);
    }
}

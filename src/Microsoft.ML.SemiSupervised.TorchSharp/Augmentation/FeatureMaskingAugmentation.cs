using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Sets each feature, with a probability, to its training mean (0 once standardized).</summary>
public sealed class FeatureMaskingAugmentation : Augmentation
{
    /// <summary>The probability that a feature is masked, in [0, 1].</summary>
    /// <value>The default value is 0.2.</value>
    public double Probability { get; init; } = 0.2;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        using var draw = torch.rand(rows.shape, generator: context.Generator);
        using var mask = draw.Below(Probability);
        return rows.FilledWhere(mask, 0);
    }
}

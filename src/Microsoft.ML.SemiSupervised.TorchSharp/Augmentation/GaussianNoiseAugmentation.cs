using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Adds Gaussian noise to every feature, scaled to the feature's deviation (the rows are standardized).</summary>
public sealed class GaussianNoiseAugmentation : Augmentation
{
    /// <summary>The noise's standard deviation, in units of each feature's deviation; non-negative.</summary>
    /// <value>The default value is 0.1.</value>
    public double StandardDeviation { get; init; } = 0.1;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        using var noise = torch.randn(rows.shape, generator: context.Generator);
        using var scaled = noise.Times(StandardDeviation);
        return rows + scaled;
    }
}

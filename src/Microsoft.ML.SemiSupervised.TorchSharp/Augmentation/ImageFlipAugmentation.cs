using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Mirrors each image left to right with a probability. Use it where a mirrored image shows the same class (photos of
/// objects, clothes), not where it changes it (digits, text).
/// </summary>
public sealed class ImageFlipAugmentation : Augmentation
{
    /// <summary>The probability that an image is mirrored, in [0, 1].</summary>
    /// <value>The default value is 0.5.</value>
    public double Probability { get; init; } = 0.5;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        var (height, width, channels) = context.ImageShape(nameof(ImageFlipAugmentation));
        int count = (int)rows.shape[0];
        var draws = context.Uniform(count);
        var maps = new double[count][];
        for (int i = 0; i < count; i++)
            maps[i] = draws[i] < Probability ? [1, 0, 0, 0, -1, 0] : ImageSampling.Identity();
        return ImageSampling.Remap(rows, height, width, channels, maps);
    }
}

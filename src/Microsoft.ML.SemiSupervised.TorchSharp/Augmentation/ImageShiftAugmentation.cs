using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Shifts each image by a random whole number of pixels in each direction (edges repeated): FixMatch's weak augmentation.</summary>
public sealed class ImageShiftAugmentation : Augmentation
{
    /// <summary>The largest shift, as a fraction of the image's height and width (at least one pixel), in [0, 1).</summary>
    /// <value>The default value is 0.125 (FixMatch's: 4 pixels of 32).</value>
    public double MaximumShift { get; init; } = 0.125;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        var (height, width, channels) = context.ImageShape(nameof(ImageShiftAugmentation));
        int count = (int)rows.shape[0];
        int my = MaximumShift == 0 ? 0 : Math.Max(1, (int)Math.Round(MaximumShift * height));
        int mx = MaximumShift == 0 ? 0 : Math.Max(1, (int)Math.Round(MaximumShift * width));
        var dy = context.Integers(count, -my, my + 1);
        var dx = context.Integers(count, -mx, mx + 1);
        var maps = new double[count][];
        for (int i = 0; i < count; i++)
            maps[i] = ImageSampling.Shift(dy[i], dx[i]);
        return ImageSampling.Remap(rows, height, width, channels, maps);
    }
}

using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Cutout (DeVries and Taylor, 2017): sets a square at a random place of each image to the mean pixel.</summary>
public sealed class CutoutAugmentation : Augmentation
{
    /// <summary>The square's side as a fraction of the image's smaller side, in (0, 1].</summary>
    /// <value>The default value is 0.5 (FixMatch's largest).</value>
    public double Size { get; init; } = 0.5;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        var (height, width, channels) = context.ImageShape(nameof(CutoutAugmentation));
        int count = (int)rows.shape[0];
        int side = Math.Max(1, (int)Math.Round(Size * Math.Min(height, width)));
        var cy = context.Integers(count, 0, height);
        var cx = context.Integers(count, 0, width);
        int plane = height * width;
        var keep = ReusedBuffers.Mask((long)count * channels * plane);
        Array.Fill(keep, 1f);
        for (int i = 0; i < count; i++)
        {
            int top = (int)cy[i] - side / 2, left = (int)cx[i] - side / 2;
            for (int y = Math.Max(0, top); y < Math.Min(height, top + side); y++)
            {
                for (int x = Math.Max(0, left); x < Math.Min(width, left + side); x++)
                {
                    for (int c = 0; c < channels; c++)
                        keep[((long)i * channels + c) * plane + y * width + x] = 0;
                }
            }
        }
        using var mask = ReusedBuffers.Lend(keep, rows, count, (long)channels * plane);
        return rows * mask;
    }
}

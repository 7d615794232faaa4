using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// A RandAugment-like strong policy for images (Cubuk et al., 2020, as FixMatch uses it: the magnitude of each
/// operation drawn at random): each image gets <see cref="NumberOfOperations"/> operations drawn from identity,
/// rotation (up to 30 degrees), shear along x or y (up to 0.3), translation along x or y (up to 30 % of the side),
/// brightness (up to half a deviation) and contrast (0.5 to 1.5 times).
/// </summary>
public sealed class RandAugmentAugmentation : Augmentation
{
    private const int OperationCount = 8;

    /// <summary>The operations per image, positive.</summary>
    /// <value>The default value is 2 (FixMatch's).</value>
    public int NumberOfOperations { get; init; } = 2;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        var (height, width, channels) = context.ImageShape(nameof(RandAugmentAugmentation));
        int count = (int)rows.shape[0];
        var operations = context.Integers((long)count * NumberOfOperations, 0, OperationCount);
        var magnitudes = context.Uniform((long)count * NumberOfOperations);
        var maps = new double[count][];
        var scale = new float[count];
        var offset = new float[count];
        var contrast = new float[count];
        for (int i = 0; i < count; i++)
        {
            maps[i] = ImageSampling.Identity();
            scale[i] = 1;
            for (int k = 0; k < NumberOfOperations; k++)
            {
                int at = i * NumberOfOperations + k;
                double m = magnitudes[at];
                double signed = 2 * m - 1;
                switch (operations[at])
                {
                    case 1: maps[i] = ImageSampling.Then(maps[i], Rotation(signed * Math.PI / 6)); break;
                    case 2: maps[i] = ImageSampling.Then(maps[i], [1, 0, 0, 0.3 * signed, 1, 0]); break;
                    case 3: maps[i] = ImageSampling.Then(maps[i], [1, 0.3 * signed, 0, 0, 1, 0]); break;
                    case 4: maps[i] = ImageSampling.Then(maps[i], ImageSampling.Shift(0, Math.Round(0.3 * signed * width))); break;
                    case 5: maps[i] = ImageSampling.Then(maps[i], ImageSampling.Shift(Math.Round(0.3 * signed * height), 0)); break;
                    case 6: offset[i] += (float)(0.5 * signed); break;
                    case 7:
                        float factor = (float)(0.5 + m);
                        // f x' + (1 - f) mean(x'), with x' = s x + c mean + o: the offset stays.
                        contrast[i] += (1 - factor) * scale[i];
                        scale[i] *= factor;
                        break;
                    default: break;
                }
            }
        }
        using var moved = ImageSampling.Remap(rows, height, width, channels, maps);
        using var mean = moved.mean([1L], keepdim: true);
        using var a = torch.tensor(scale, [count, 1]);
        using var b = torch.tensor(offset, [count, 1]);
        using var c = torch.tensor(contrast, [count, 1]);
        // Contrast pulls each image toward its own mean: x' = a x + c mean + b.
        return moved * a + mean * c + b;
    }

    private static double[] Rotation(double angle)
    {
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        return [cos, -sin, 0, sin, cos, 0];
    }
}

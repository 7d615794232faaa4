using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>What an <see cref="Augmentation"/> may use besides the batch: the seeded random source, the image shape, the training rows.</summary>
public sealed class AugmentationContext
{
    internal AugmentationContext(torch.Generator generator, torch.Tensor trainingRows, int? imageHeight, int? imageWidth, int imageChannels)
    {
        Generator = generator;
        TrainingRows = trainingRows;
        ImageHeight = imageHeight;
        ImageWidth = imageWidth;
        ImageChannels = imageChannels;
    }

    /// <summary>The fit's seeded random source: draw every random number from it.</summary>
    public torch.Generator Generator { get; }

    /// <summary>Every training row, standardized, <c>[rows, features]</c> (swap noise draws values from it).</summary>
    public torch.Tensor TrainingRows { get; }

    /// <summary>The image height, or null when the rows are not images.</summary>
    public int? ImageHeight { get; }

    /// <summary>The image width, or null when the rows are not images.</summary>
    public int? ImageWidth { get; }

    /// <summary>The image's channels.</summary>
    public int ImageChannels { get; }

    /// <summary>Whether the rows are images.</summary>
    public bool IsImage => ImageHeight is not null && ImageWidth is not null;

    /// <summary>Draws <paramref name="count"/> integers in [<paramref name="low"/>, <paramref name="high"/>) from <see cref="Generator"/>.</summary>
    internal long[] Integers(long count, long low, long high)
    {
        using var drawn = torch.randint(low, high, [count], generator: Generator, dtype: torch.int64);
        return drawn.data<long>().ToArray();
    }

    /// <summary>Draws <paramref name="count"/> uniform numbers in [0, 1) from <see cref="Generator"/>.</summary>
    internal float[] Uniform(long count)
    {
        using var drawn = torch.rand([count], generator: Generator);
        return drawn.data<float>().ToArray();
    }

    /// <summary>The image shape, or an exception naming the augmentation that needs one.</summary>
    internal (int Height, int Width, int Channels) ImageShape(string augmentation) => IsImage
        ? (ImageHeight!.Value, ImageWidth!.Value, ImageChannels)
        : throw new InvalidOperationException($"{augmentation} works on images: set ImageHeight and ImageWidth in the options, or use a vector augmentation.");
}

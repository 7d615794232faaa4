using TorchSharp;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// What a network looks like: enough to build it again, untrained, with the same parameters in the same order (the
/// saved weights are read back into it). Part of the saved format.
/// </summary>
internal sealed class NetworkArchitecture
{
    public NetworkArchitecture(NeuralNetworkKind kind, int inputSize, int classCount, int[] hiddenLayerSizes, int imageHeight, int imageWidth, int imageChannels)
    {
        Kind = kind;
        InputSize = inputSize;
        ClassCount = classCount;
        HiddenLayerSizes = hiddenLayerSizes;
        ImageHeight = imageHeight;
        ImageWidth = imageWidth;
        ImageChannels = imageChannels;
    }

    public NeuralNetworkKind Kind { get; }

    public int InputSize { get; }

    public int ClassCount { get; }

    /// <summary>
    /// The perceptron's hidden layer sizes, or the convolutional network's channels, one 3x3 convolution per entry (max
    /// pooling between them); empty for the convolutional network of models saved before the channels were an option
    /// (<see cref="LegacyConvolutionalBlocks"/>). Saved in the model's header as the hidden layer sizes.
    /// </summary>
    public int[] HiddenLayerSizes { get; }

    /// <summary>The image shape (0 when the vector is not an image).</summary>
    public int ImageHeight { get; }

    public int ImageWidth { get; }

    public int ImageChannels { get; }

    /// <summary>
    /// LibTorch draws initial weights from its global random source: every build, seeded or not, holds this gate, so
    /// that a fit running beside another one draws the same weights as alone.
    /// </summary>
    public static readonly object RandomSourceGate = new();

    /// <summary>Builds the network, its weights drawn from LibTorch's global random source (seeded with <paramref name="seed"/> when given).</summary>
    public Module<torch.Tensor, torch.Tensor> Build(int? seed = null)
    {
        lock (RandomSourceGate)
        {
            if (seed is { } s)
                torch.random.manual_seed(s);
            return Kind == NeuralNetworkKind.MultilayerPerceptron ? BuildPerceptron() : BuildConvolutional();
        }
    }

    private Module<torch.Tensor, torch.Tensor> BuildPerceptron()
    {
        var layers = new List<(string, Module<torch.Tensor, torch.Tensor>)>();
        int width = InputSize;
        for (int i = 0; i < HiddenLayerSizes.Length; i++)
        {
            layers.Add(($"linear{i}", Linear(width, HiddenLayerSizes[i])));
            layers.Add(($"norm{i}", BatchNorm1d(HiddenLayerSizes[i])));
            layers.Add(($"relu{i}", ReLU()));
            width = HiddenLayerSizes[i];
        }
        layers.Add(("output", Linear(width, ClassCount)));
        return Sequential(layers);
    }

    /// <summary>The convolutional network before its channels were an option: two blocks of two convolutions, 32 then 64 channels.</summary>
    private static readonly int[] LegacyConvolutionalBlocks = [32, 64];

    private Module<torch.Tensor, torch.Tensor> BuildConvolutional()
    {
        var layers = new List<(string, Module<torch.Tensor, torch.Tensor>)>
        {
            ("image", Unflatten(1, [ImageChannels, ImageHeight, ImageWidth])),
        };
        bool legacy = HiddenLayerSizes.Length == 0;
        int[] blocks = legacy ? LegacyConvolutionalBlocks : HiddenLayerSizes;
        int convolutionsPerBlock = legacy ? 2 : 1;
        int channels = ImageChannels;
        int height = ImageHeight, width = ImageWidth;
        for (int b = 0; b < blocks.Length; b++)
        {
            for (int c = 0; c < convolutionsPerBlock; c++)
            {
                layers.Add(($"conv{b}{c}", Conv2d(channels, blocks[b], 3, padding: 1, bias: false)));
                layers.Add(($"norm{b}{c}", BatchNorm2d(blocks[b])));
                layers.Add(($"relu{b}{c}", ReLU()));
                channels = blocks[b];
            }
            if (b < blocks.Length - 1 && height >= 4 && width >= 4)
            {
                layers.Add(($"pool{b}", MaxPool2d(2)));
                height /= 2;
                width /= 2;
            }
        }
        bool flattened = Kind == NeuralNetworkKind.ConvolutionalFlattened;
        if (!flattened)
            layers.Add(("average", AdaptiveAvgPool2d(1)));
        layers.Add(("flatten", Flatten()));
        layers.Add(("output", Linear(flattened ? channels * height * width : channels, ClassCount)));
        return Sequential(layers);
    }
}

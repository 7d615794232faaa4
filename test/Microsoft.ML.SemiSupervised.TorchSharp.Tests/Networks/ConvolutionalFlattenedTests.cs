using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Networks;

/// <summary>
/// <see cref="NeuralNetworkKind.ConvolutionalFlattened"/>: the convolutional network whose last feature map is flattened into
/// the output layer instead of averaged; the network it builds, its check, and that it travels in the saved model.
/// </summary>
public sealed class ConvolutionalFlattenedTests
{
    /// <summary>On 8x8 images with channels [4, 8]: one pooling, so the output layer reads a 4x4 map of 8 channels.</summary>
    [Fact]
    public void Build_Flattened_OutputLayerReadsTheWholeLastMap()
    {
        var architecture = new NetworkArchitecture(NeuralNetworkKind.ConvolutionalFlattened, 64, 10, [4, 8], 8, 8, 1);
        using var network = architecture.Build(seed: 1);
        long expected = (1 * 4 * 9 + 2 * 4) + (4 * 8 * 9 + 2 * 8) + (4 * 4 * 8 * 10 + 10);
        Assert.Equal(expected, network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Create_FlattenedWithoutImageShape_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MLContext().SemiSupervised.FixMatch(new FixMatchOptions { Network = NeuralNetworkKind.ConvolutionalFlattened }));
        Assert.Equal("Invalid FixMatch options: Network is ConvolutionalFlattened, but ImageHeight and ImageWidth are not set: set the image shape, or use MultilayerPerceptron.", error.Message);
    }

    [Fact]
    public void SaveLoad_Flattened_TravelsInTheModelWithIdenticalPredictions()
    {
        var ml = new MLContext(seed: 1);
        var data = Digits.Train(ml);
        var options = new FixMatchOptions
        {
            Network = NeuralNetworkKind.ConvolutionalFlattened,
            ConvolutionalChannels = [4, 8],
            ImageHeight = Digits.Side,
            ImageWidth = Digits.Side,
            MaximumNumberOfIterations = 1,
            UnlabeledRatio = 1,
            Seed = 1,
            NumberOfThreads = 1,
        };
        var model = ml.SemiSupervised.FixMatch(options).Fit(data);
        var (header, _) = NeuralModelFormat.Write(model.Model);
        Assert.Equal((double)NeuralNetworkKind.ConvolutionalFlattened, header[1]);
        var (live, reloaded) = SavedDigitsScores.LiveAndReloaded(ml, model, data);

        Assert.Equal(live, reloaded);
    }
}

using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Neural;
using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Networks;

/// <summary>
/// <see cref="NeuralNetworkOptions.ConvolutionalChannels"/>: its default, its check, the network it builds, and that the
/// channels travel in the saved model (a model saved before the option, with no channels, still builds the old network).
/// </summary>
public sealed class ConvolutionalChannelsTests
{
    [Fact]
    public void Defaults_ConvolutionalChannels_Are16Then32Then64()
    {
        Assert.Equal([16, 32, 64], new FixMatchOptions().ConvolutionalChannels);
        Assert.Equal([16, 32, 64], new MixMatchOptions().ConvolutionalChannels);
    }

    [Fact]
    public void Create_EmptyConvolutionalChannels_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MLContext().SemiSupervised.FixMatch(new FixMatchOptions { ConvolutionalChannels = [] }));
        Assert.Equal("Invalid FixMatch options: ConvolutionalChannels must hold at least one number of channels, each positive; got [].", error.Message);
    }

    [Fact]
    public void Create_NegativeConvolutionalChannel_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MLContext().SemiSupervised.FixMatch(new FixMatchOptions { ConvolutionalChannels = [8, -4] }));
        Assert.Equal("Invalid FixMatch options: ConvolutionalChannels must hold at least one number of channels, each positive; got [8, -4].", error.Message);
    }

    /// <summary>One 3x3 convolution per entry (no bias, batch normalization's scale and shift), then the linear layer to the classes.</summary>
    [Fact]
    public void Build_Channels_OneConvolutionPerEntry()
    {
        var architecture = new NetworkArchitecture(NeuralNetworkKind.Convolutional, 64, 10, [4, 8], 8, 8, 1);
        using var network = architecture.Build(seed: 1);
        long expected = (1 * 4 * 9 + 2 * 4) + (4 * 8 * 9 + 2 * 8) + (8 * 10 + 10);
        Assert.Equal(expected, network.parameters().Sum(p => p.numel()));
    }

    /// <summary>A saved convolutional model without channels (saved before the option) builds the network of then: 32, 32, 64, 64.</summary>
    [Fact]
    public void Build_NoChannels_TheNetworkOfModelsSavedBeforeTheOption()
    {
        var architecture = new NetworkArchitecture(NeuralNetworkKind.Convolutional, 64, 10, [], 8, 8, 1);
        using var network = architecture.Build(seed: 1);
        long expected = (1 * 32 * 9 + 32 * 32 * 9 + 64 + 64) + (32 * 64 * 9 + 64 * 64 * 9 + 128 + 128) + (64 * 10 + 10);
        Assert.Equal(expected, network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void SaveLoad_ConvolutionalChannels_TravelInTheModelWithIdenticalPredictions()
    {
        var ml = new MLContext(seed: 1);
        var data = Digits.Train(ml);
        var options = new FixMatchOptions
        {
            Network = NeuralNetworkKind.Convolutional,
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
        Assert.Equal([4.0, 8.0], header[^2..]);
        var (live, reloaded) = SavedDigitsScores.LiveAndReloaded(ml, model, data);

        Assert.Equal(live, reloaded);
    }
}

using Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Networks;

/// <summary>
/// The convolutional network (the options say the vector is an 8x8x1 image) on digits at 5 % labels: FixMatch against the
/// same network trained on the labeled rows alone (<see cref="DigitsRuns"/>).
/// </summary>
[Collection(DigitsCollection.Name)]
public sealed class ConvolutionalAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void FixMatch_DigitsConvolutionalNetwork_BeatsTheSameNetworkSupervised()
    {
        output.WriteLine($"digits test accuracy, convolutional network: FixMatch {DigitsRuns.ConvolutionalFixMatch:F4}, supervised {DigitsRuns.ConvolutionalSupervised:F4}");
        Assert.True(DigitsRuns.ConvolutionalFixMatch > DigitsRuns.ConvolutionalSupervised,
            $"FixMatch with the convolutional network {DigitsRuns.ConvolutionalFixMatch:F4} against the same network supervised, {DigitsRuns.ConvolutionalSupervised:F4}.");
    }
}

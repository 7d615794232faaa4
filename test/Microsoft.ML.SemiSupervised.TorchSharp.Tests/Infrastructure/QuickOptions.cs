using Microsoft.ML.SemiSupervised.Neural;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>Small, fast settings for the tests that check behaviour rather than accuracy (a few epochs, a small network, one thread).</summary>
internal static class QuickOptions
{
    public const int Epochs = 3;

    public static FixMatchOptions FixMatch(int seed = 1) => new()
    {
        MaximumNumberOfIterations = Epochs,
        HiddenLayerSizes = [16],
        BatchSize = 8,
        Seed = seed,
        NumberOfThreads = 1,
    };
}

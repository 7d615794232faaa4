namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>
/// The digits accuracy tests run one after the other, not beside the rest: their fits are the long ones, and LibTorch
/// runs them fastest on one thread each without competing fits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DigitsCollection
{
    public const string Name = "Digits";
}

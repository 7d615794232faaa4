using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// A random perturbation of a batch of rows, the weak or strong augmentation of a neural semi-supervised method.
/// Derive from it to plug in your own (<see cref="NeuralNetworkOptions.WeakAugmentation"/>,
/// <see cref="NeuralNetworkOptions.StrongAugmentation"/>).
/// </summary>
/// <remarks>
/// The batch is a <c>[rows, features]</c> tensor of standardized features (each feature's training mean 0 and
/// deviation 1; for an image one mean and deviation for every pixel), in ML.NET's pixel layout for an image (channel
/// after channel, row after row). Draw every random number from <see cref="AugmentationContext.Generator"/>, so that a
/// seeded fit repeats. Return a new tensor of the same shape; do not change the input.
/// </remarks>
public abstract class Augmentation
{
    /// <summary>Returns the augmented batch.</summary>
    /// <param name="rows">The batch, <c>[rows, features]</c>, standardized.</param>
    /// <param name="context">The random source, the image shape, the training rows.</param>
    /// <returns>A tensor of the same shape.</returns>
    public abstract torch.Tensor Apply(torch.Tensor rows, AugmentationContext context);
}

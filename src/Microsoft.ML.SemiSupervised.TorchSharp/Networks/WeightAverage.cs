using TorchSharp;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// An exponential moving average of a network's weights, in a second network of the same architecture: the final
/// model of the papers, and Mean Teacher's teacher. Batch normalization's running statistics are averaged too.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly List<torch.Tensor> _source;
    private readonly List<torch.Tensor> _average;
    private readonly double _decay;
    private readonly bool _warmUpLikeTensorFlow;
    private long _updates;

    /// <param name="architecture">The network's architecture.</param>
    /// <param name="source">The trained network, copied as the average's start.</param>
    /// <param name="decay">The decay.</param>
    /// <param name="warmUpLikeTensorFlow">
    /// True for TensorFlow's warm-up, <c>min(decay, (1 + t) / (10 + t))</c>; false for Mean Teacher's, <c>min(decay, 1 - 1 / (t + 1))</c>.
    /// </param>
    public WeightAverage(NetworkArchitecture architecture, Module<torch.Tensor, torch.Tensor> source, double decay, bool warmUpLikeTensorFlow)
    {
        Network = architecture.Build();
        NetworkWeights.Copy(source, Network);
        _source = NetworkWeights.Tensors(source);
        _average = NetworkWeights.Tensors(Network);
        _decay = decay;
        _warmUpLikeTensorFlow = warmUpLikeTensorFlow;
    }

    /// <summary>The averaged network.</summary>
    public Module<torch.Tensor, torch.Tensor> Network { get; }

    /// <summary>Moves the average toward the source's current weights.</summary>
    public void Update()
    {
        _updates++;
        double decay = _warmUpLikeTensorFlow
            ? Math.Min(_decay, (1.0 + _updates) / (10.0 + _updates))
            : Math.Min(_decay, 1.0 - 1.0 / (_updates + 1));
        using var noGrad = torch.no_grad();
        using var keep = HeldScalars.Number(decay, torch.float32);
        using var take = HeldScalars.Number(1 - decay, torch.float32);
        for (int i = 0; i < _source.Count; i++)
        {
            using var moved = _source[i] * take;
            _average[i].mul_(keep).add_(moved);
        }
    }

    public void Dispose() => Network.Dispose();
}

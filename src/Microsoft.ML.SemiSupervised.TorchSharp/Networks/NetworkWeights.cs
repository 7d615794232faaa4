using TorchSharp;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// A network's weights as one array of Singles: every parameter, then every floating-point buffer (batch
/// normalization's running mean and variance), in the network's own order. Part of the saved format.
/// </summary>
internal static class NetworkWeights
{
    /// <summary>The tensors that make up the weights, in order.</summary>
    public static List<torch.Tensor> Tensors(Module<torch.Tensor, torch.Tensor> network)
    {
        var tensors = new List<torch.Tensor>();
        foreach (var (_, parameter) in network.named_parameters())
            tensors.Add(parameter);
        foreach (var (_, buffer) in network.named_buffers())
        {
            if (buffer.dtype == torch.float32)
                tensors.Add(buffer);
        }
        return tensors;
    }

    /// <summary>The number of Singles the weights take.</summary>
    public static long Count(Module<torch.Tensor, torch.Tensor> network) => Tensors(network).Sum(t => t.numel());

    /// <summary>Copies the weights out.</summary>
    public static float[] Read(Module<torch.Tensor, torch.Tensor> network)
    {
        var tensors = Tensors(network);
        var values = new float[tensors.Sum(t => t.numel())];
        long offset = 0;
        foreach (var tensor in tensors)
        {
            using var detached = tensor.detach().contiguous();
            var data = detached.data<float>();
            data.CopyTo(values, (int)offset, 0);
            offset += tensor.numel();
        }
        return values;
    }

    /// <summary>Copies <paramref name="values"/> (from <see cref="Read"/> of a network of the same architecture) in.</summary>
    public static void Write(Module<torch.Tensor, torch.Tensor> network, ReadOnlySpan<float> values)
    {
        var tensors = Tensors(network);
        long total = tensors.Sum(t => t.numel());
        if (total != values.Length)
            throw new InvalidOperationException($"The network has {total} weights; {values.Length} were given.");
        using var noGrad = torch.no_grad();
        long offset = 0;
        foreach (var tensor in tensors)
        {
            int count = (int)tensor.numel();
            using var source = torch.tensor(values.Slice((int)offset, count).ToArray(), tensor.shape);
            tensor.copy_(source);
            offset += count;
        }
    }

    /// <summary>Copies <paramref name="source"/>'s weights into <paramref name="target"/> (same architecture).</summary>
    public static void Copy(Module<torch.Tensor, torch.Tensor> source, Module<torch.Tensor, torch.Tensor> target)
    {
        using var noGrad = torch.no_grad();
        var from = Tensors(source);
        var to = Tensors(target);
        for (int i = 0; i < from.Count; i++)
            to[i].copy_(from[i]);
    }
}

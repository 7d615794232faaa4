using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Recomputes a trained network's batch normalization statistics on the plain training rows: during training they are
/// averaged over batches that hold augmented rows (FixMatch: about half strongly augmented), which the network never
/// sees at prediction. Each normalization layer's running mean and variance are reset and replaced by their cumulative
/// average over the rows, in batches, weights untouched.
/// </summary>
internal static class BatchNormalizationRecalibration
{
    /// <summary>The rows of one forward pass.</summary>
    public const int BatchSize = 256;

    /// <summary>Replaces <paramref name="network"/>'s normalization statistics by those of <paramref name="rows"/> (<c>[rows, features]</c>).</summary>
    public static void Run(Module<torch.Tensor, torch.Tensor> network, torch.Tensor rows)
    {
        var layers = network.modules().OfType<BatchNorm>().ToArray();
        if (layers.Length == 0 || rows.shape[0] < 2)
            return;
        var momenta = layers.Select(layer => layer.momentum).ToArray();
        foreach (var layer in layers)
        {
            layer.reset_running_stats();
            layer.momentum = null;
        }
        bool training = network.training;
        network.train();
        using (torch.no_grad())
        {
            long count = rows.shape[0];
            // A last batch of one row cannot be normalized in training mode: it joins the batch before it.
            for (long start = 0; start < count; start += BatchSize)
            {
                long size = Math.Min(BatchSize, count - start);
                if (count - start - size == 1)
                    size++;
                using var scope = torch.NewDisposeScope();
                network.call(rows.narrow(0, start, size));
                if (size > BatchSize)
                    break;
            }
        }
        for (int i = 0; i < layers.Length; i++)
            layers[i].momentum = momenta[i];
        network.train(training);
    }
}

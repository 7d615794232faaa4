using TorchSharp;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// A trained network ready to predict: its architecture, the input standardization and the network in evaluation
/// mode. Thread-safe without a lock: in evaluation mode a forward pass only reads the weights (batch normalization
/// uses its running statistics), and gradient mode and dispose scopes are per thread, so cursors and prediction
/// engines on several threads predict side by side.
/// </summary>
internal sealed class NeuralModel
{
    private readonly object _gate = new();
    private readonly Module<torch.Tensor, torch.Tensor> _network;

    public NeuralModel(NetworkArchitecture architecture, FeatureScaling scaling, Module<torch.Tensor, torch.Tensor> network)
    {
        LibTorchWarmUp.EnsureDone();
        Architecture = architecture;
        Scaling = scaling;
        _network = network;
        _network.eval();
    }

    public NetworkArchitecture Architecture { get; }

    public FeatureScaling Scaling { get; }

    public int ClassCount => Architecture.ClassCount;

    /// <summary>The weights, as <see cref="NetworkWeights.Read"/> gives them.</summary>
    public float[] ReadWeights()
    {
        lock (_gate)
            return NetworkWeights.Read(_network);
    }

    /// <summary>Writes the class probabilities of <paramref name="features"/> into <paramref name="probabilities"/>; returns the class of largest.</summary>
    public int Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        var scaled = new float[features.Length];
        Scaling.Apply(features, scaled);
        using (torch.NewDisposeScope())
        using (torch.inference_mode())
        {
            var input = torch.tensor(scaled, [1, scaled.Length]);
            var output = torch.nn.functional.softmax(_network.call(input), 1);
            output.data<float>().CopyTo(probabilities);
        }
        int best = 0;
        for (int c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
                best = c;
        }
        return best;
    }

    /// <summary>The class of largest probability for each of <paramref name="scaledRows"/> (already standardized).</summary>
    public static int[] PredictClasses(Module<torch.Tensor, torch.Tensor> network, torch.Tensor scaledRows)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        bool training = network.training;
        network.eval();
        var classes = network.call(scaledRows).argmax(1).data<long>().ToArray();
        if (training)
            network.train();
        return classes.Select(c => (int)c).ToArray();
    }
}

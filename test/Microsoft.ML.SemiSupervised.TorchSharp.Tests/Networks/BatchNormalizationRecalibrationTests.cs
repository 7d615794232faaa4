using Microsoft.ML.SemiSupervised.Neural;
using TorchSharp;
using TorchSharp.Modules;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Networks;

/// <summary>Batch normalization's statistics recomputed on given rows after training (<see cref="BatchNormalizationRecalibration"/>).</summary>
public sealed class BatchNormalizationRecalibrationTests
{
    [Fact]
    public void Run_OneBatchOfRows_StatisticsAreTheRowsOwnAndWeightsUnchanged()
    {
        var architecture = new NetworkArchitecture(NeuralNetworkKind.MultilayerPerceptron, inputSize: 4, classCount: 3, [5], 0, 0, 0);
        using var network = architecture.Build(seed: 1);
        var norm = network.modules().OfType<BatchNorm>().Single();
        // Statistics from other rows first, as training leaves them.
        using (torch.no_grad())
        using (var other = torch.randn(64, 4).mul(torch.tensor(3f)))
            network.call(other).Dispose();
        int parameterCount = (int)network.parameters().Sum(p => p.numel());
        var parameters = NetworkWeights.Read(network).Take(parameterCount).ToArray();
        using var rows = torch.rand(200, 4);

        BatchNormalizationRecalibration.Run(network, rows);

        var linear = network.modules().OfType<Linear>().First();
        using var hidden = linear.call(rows).detach();
        var expectedMean = hidden.mean([0]).data<float>().ToArray();
        var expectedVariance = hidden.var(0, unbiased: true).data<float>().ToArray();
        var mean = norm.running_mean!.data<float>().ToArray();
        var variance = norm.running_var!.data<float>().ToArray();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expectedMean[i], mean[i], 4);
            Assert.Equal(expectedVariance[i], variance[i], 4);
        }
        Assert.Equal(0.1, norm.momentum);
        Assert.Equal(parameters, NetworkWeights.Read(network).Take(parameterCount).ToArray());
    }
}

using TorchSharp;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// SGD with (Nesterov) momentum and L2 weight decay, as <c>torch.optim.SGD</c> computes it, written here so that every
/// number it uses is held for the length of the native call (see <see cref="HeldScalars"/>).
/// </summary>
internal sealed class NesterovSgd : IDisposable
{
    private readonly List<torch.Tensor> _parameters;
    private readonly torch.Tensor?[] _velocity;
    private readonly double _momentum;
    private readonly double _weightDecay;

    public NesterovSgd(Module<torch.Tensor, torch.Tensor> network, double momentum, double weightDecay)
    {
        _parameters = network.parameters().Cast<torch.Tensor>().ToList();
        _velocity = new torch.Tensor?[_parameters.Count];
        _momentum = momentum;
        _weightDecay = weightDecay;
    }

    /// <summary>One step with learning rate <paramref name="learningRate"/>, from the gradients the last backward left.</summary>
    public void Step(double learningRate)
    {
        using var noGrad = torch.no_grad();
        for (int i = 0; i < _parameters.Count; i++)
        {
            var parameter = _parameters[i];
            using var gradient = parameter.grad;
            if (gradient is null)
                continue;
            using var decayed = _weightDecay > 0 ? gradient.Plus(parameter, _weightDecay) : gradient.alias();
            torch.Tensor direction;
            if (_momentum > 0)
            {
                if (_velocity[i] is null)
                {
                    _velocity[i] = decayed.clone().DetachFromDisposeScope();
                }
                else
                {
                    using var kept = _velocity[i]!.Times(_momentum);
                    _velocity[i]!.copy_(kept).add_(decayed);
                }
                direction = decayed.Plus(_velocity[i]!, _momentum);
            }
            else
            {
                direction = decayed.alias();
            }
            using (direction)
            using (var step = direction.Times(-learningRate))
                parameter.add_(step);
        }
    }

    public void Dispose()
    {
        foreach (var velocity in _velocity)
            velocity?.Dispose();
    }
}

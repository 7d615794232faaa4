using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// ReMixMatch's distribution alignment (Berthelot et al., 2020), for <see cref="FixMatchOptions.DistributionAlignment"/>:
/// each weak-view prediction is multiplied class by class by <c>p(y) / p~(y)</c> and renormalized, where <c>p(y)</c> is the
/// labeled rows' class shares and <c>p~(y)</c> the mean of the network's weak-view predictions on the unlabeled rows over the
/// last <see cref="Window"/> steps (this step's included). Classes the network predicts more rarely than the labeled rows
/// hold them are lifted, the others lowered.
/// </summary>
internal sealed class DistributionAlignment
{
    /// <summary>The steps the running mean of the predictions spans (ReMixMatch's 128).</summary>
    public const int Window = 128;

    private readonly double[] _target;
    private readonly double[][] _recent;
    private readonly double[] _sum;
    private int _count;
    private int _next;

    /// <param name="classes">The training rows' classes (-1 unlabeled).</param>
    /// <param name="classCount">The classes.</param>
    public DistributionAlignment(int[] classes, int classCount)
    {
        _target = new double[classCount];
        foreach (int c in classes)
        {
            if (c >= 0)
                _target[c]++;
        }
        double labeled = _target.Sum();
        for (int c = 0; c < classCount; c++)
            _target[c] /= labeled;
        _recent = new double[Window][];
        _sum = new double[classCount];
    }

    /// <summary>Adds this step's mean of <paramref name="probabilities"/> (<c>[rows, classes]</c>) to the running mean, then returns them aligned.</summary>
    public torch.Tensor Align(torch.Tensor probabilities)
    {
        var stepMean = probabilities.mean([0]).to_type(torch.float64).data<double>().ToArray();
        if (_recent[_next] is { } oldest)
        {
            for (int c = 0; c < _sum.Length; c++)
                _sum[c] -= oldest[c];
        }
        else
        {
            _count++;
        }
        _recent[_next] = stepMean;
        _next = (_next + 1) % Window;
        for (int c = 0; c < _sum.Length; c++)
            _sum[c] += stepMean[c];
        var ratio = new float[_sum.Length];
        for (int c = 0; c < ratio.Length; c++)
            ratio[c] = (float)(_target[c] / Math.Max(_sum[c] / _count, 1e-6));
        using var scale = torch.tensor(ratio);
        var scaled = probabilities.mul(scale);
        using var total = scaled.sum(1, keepdim: true);
        return scaled.div(total);
    }
}

using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Applies augmentations one after the other.</summary>
public sealed class AugmentationSequence : Augmentation
{
    private readonly Augmentation[] _steps;

    /// <summary>Creates the sequence.</summary>
    /// <param name="steps">The augmentations, applied in this order.</param>
    public AugmentationSequence(params Augmentation[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Any(s => s is null))
            throw new ArgumentException("An augmentation sequence cannot hold null.", nameof(steps));
        _steps = steps.ToArray();
    }

    /// <summary>The augmentations, in order.</summary>
    public IReadOnlyList<Augmentation> Steps => _steps;

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor rows, AugmentationContext context)
    {
        var current = rows.alias();
        foreach (var step in _steps)
        {
            var next = step.Apply(current, context);
            current.Dispose();
            current = next;
        }
        return current;
    }
}

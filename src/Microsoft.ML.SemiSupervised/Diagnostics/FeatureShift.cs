namespace Microsoft.ML.SemiSupervised.Diagnostics;

/// <summary>One feature's part in telling labeled rows from unlabeled ones.</summary>
public sealed class FeatureShift
{
    internal FeatureShift(string name, int slot, double weight)
    {
        Name = name;
        Slot = slot;
        Weight = weight;
    }

    /// <summary>The feature's slot name, or <c>Features[slot]</c> when the column has no slot names.</summary>
    public string Name { get; }

    /// <summary>The feature's index in the feature vector.</summary>
    public int Slot { get; }

    /// <summary>
    /// The feature's weight in the logistic regression that tells the two sets apart, on standardized
    /// features: positive when higher values are typical of labeled rows, negative when typical of unlabeled
    /// rows; the larger its magnitude, the more the feature separates them.
    /// </summary>
    public double Weight { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Name} ({Weight:+0.000;-0.000})");
}

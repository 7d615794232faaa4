using System.Globalization;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>What one epoch of a neural semi-supervised fit did: its mean losses and pseudo-label statistics.</summary>
public sealed class NeuralEpoch
{
    internal NeuralEpoch(int epoch, int steps, double labeledLoss, double unlabeledLoss, double unlabeledWeight, double learningRate,
        double maskRate, double? pseudoLabelAccuracy, double? validationAccuracy, TimeSpan elapsed)
    {
        Epoch = epoch;
        Steps = steps;
        LabeledLoss = labeledLoss;
        UnlabeledLoss = unlabeledLoss;
        UnlabeledWeight = unlabeledWeight;
        LearningRate = learningRate;
        MaskRate = maskRate;
        PseudoLabelAccuracy = pseudoLabelAccuracy;
        ValidationAccuracy = validationAccuracy;
        Elapsed = elapsed;
    }

    /// <summary>The epoch's number, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The optimizer steps the epoch took.</summary>
    public int Steps { get; }

    /// <summary>The mean supervised loss (cross-entropy on the labeled rows).</summary>
    public double LabeledLoss { get; }

    /// <summary>The mean unlabeled loss (the method's own: masked cross-entropy, squared error, consistency), before its weight; 0 when unused.</summary>
    public double UnlabeledLoss { get; }

    /// <summary>The unlabeled loss's weight at the end of the epoch (after any ramp-up).</summary>
    public double UnlabeledWeight { get; }

    /// <summary>The learning rate at the end of the epoch.</summary>
    public double LearningRate { get; }

    /// <summary>
    /// The share of unlabeled rows whose pseudo-label took part in the loss: in FixMatch, those whose confidence passed
    /// the threshold; 1 for methods that use every unlabeled row; 0 when the unlabeled rows are unused.
    /// </summary>
    public double MaskRate { get; }

    /// <summary>The accuracy of the used pseudo-labels where the true class is known (tests), or null.</summary>
    public double? PseudoLabelAccuracy { get; }

    /// <summary>Per true class, the share of its unlabeled rows whose pseudo-label took part, where the truth is known (tests, benchmarks); else null.</summary>
    internal double[]? ClassMaskRates { get; init; }

    /// <summary>Per pseudo-label class, the accuracy of the used pseudo-labels of that class, where the truth is known; else null.</summary>
    internal double[]? ClassPseudoLabelAccuracies { get; init; }

    /// <summary>The accuracy on the validation rows after the epoch, or null without validation data.</summary>
    public double? ValidationAccuracy { get; }

    /// <summary>The time since the fit began.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "epoch {0}: labeled loss {1:F4}, unlabeled loss {2:F4} (weight {3:G3}), mask rate {4:F3}{5}{6}, learning rate {7:G3}, {8:F1} s",
        Epoch, LabeledLoss, UnlabeledLoss, UnlabeledWeight, MaskRate,
        PseudoLabelAccuracy is { } p ? string.Format(CultureInfo.InvariantCulture, ", pseudo-label accuracy {0:F3}", p) : "",
        ValidationAccuracy is { } v ? string.Format(CultureInfo.InvariantCulture, ", validation accuracy {0:F4}", v) : "",
        LearningRate, Elapsed.TotalSeconds);
}

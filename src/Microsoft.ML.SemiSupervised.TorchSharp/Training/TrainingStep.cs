using TorchSharp;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>What a method's loss sees in one step: the network, the batch, the augmentations and where training stands.</summary>
internal sealed class TrainingStep
{
    public required Module<torch.Tensor, torch.Tensor> Student { get; init; }

    /// <summary>The labeled rows (standardized), <c>[labeled, features]</c>.</summary>
    public required torch.Tensor Labeled { get; init; }

    /// <summary>Their classes, <c>[labeled]</c> (int64).</summary>
    public required torch.Tensor Classes { get; init; }

    /// <summary>The unlabeled rows (standardized), or null when the method trains on the labeled rows alone.</summary>
    public required torch.Tensor? Unlabeled { get; init; }

    /// <summary>The unlabeled rows' true classes where known (tests; -1 unknown), or null.</summary>
    public required int[]? UnlabeledTruth { get; init; }

    /// <summary>The unlabeled rows' indexes among the training rows (what a method remembers per row), or null with <see cref="Unlabeled"/>.</summary>
    public int[]? UnlabeledRows { get; init; }

    public required Augmentation Weak { get; init; }

    public required Augmentation Strong { get; init; }

    public required AugmentationContext Augmentation { get; init; }

    /// <summary>The share of all the steps done before this one, in [0, 1).</summary>
    public required double Progress { get; init; }

    /// <summary>The seeded source of the draws the method makes outside LibTorch (MixUp's lambda).</summary>
    public required Random Random { get; init; }

    public torch.Tensor WeakLabeled() => Weak.Apply(Labeled, Augmentation);
}

/// <summary>One step's loss and what it measured.</summary>
internal sealed class StepResult
{
    public required torch.Tensor Loss { get; init; }

    public required double LabeledLoss { get; init; }

    public double UnlabeledLoss { get; init; }

    public double UnlabeledWeight { get; init; }

    /// <summary>The unlabeled rows whose pseudo-label or target took part.</summary>
    public int UsedCount { get; init; }

    /// <summary>The unlabeled rows of the step.</summary>
    public int UnlabeledCount { get; init; }

    /// <summary>Of the used rows with a known truth: how many pseudo-labels were right, and how many were checked.</summary>
    public int PseudoLabelsRight { get; init; }

    public int PseudoLabelsChecked { get; init; }

    /// <summary>The same check per class, or null when no truth is known.</summary>
    public PseudoLabelCheck? PerClass { get; init; }
}

/// <summary>
/// A neural semi-supervised method: the loss of one step. The prelude every method shares is here: the weakly
/// augmented labeled rows first, the labeled cross-entropy alone for a batch without unlabeled rows, whether the
/// unlabeled rows take part at all, and the step's result from the two loss terms.
/// </summary>
internal abstract class SemiSupervisedObjective : IDisposable
{
    private readonly bool _hasUnlabeledRows;

    /// <param name="hasUnlabeledRows">Whether the training rows include unlabeled ones.</param>
    /// <param name="unlabeledWeight">The method's weight of its unlabeled term (0: the same network trained on the labeled rows alone).</param>
    protected SemiSupervisedObjective(bool hasUnlabeledRows, double unlabeledWeight)
    {
        _hasUnlabeledRows = hasUnlabeledRows;
        UnlabeledWeight = unlabeledWeight;
    }

    /// <summary>Whether the unlabeled rows take part (false: the supervised baseline).</summary>
    public bool UsesUnlabeledRows => _hasUnlabeledRows && UnlabeledWeight > 0;

    /// <summary>The method's weight of its unlabeled term, before any ramp-up.</summary>
    protected double UnlabeledWeight { get; }

    /// <summary>Called once the student exists (Mean Teacher builds its teacher).</summary>
    public virtual void Start(NetworkArchitecture architecture, Module<torch.Tensor, torch.Tensor> student)
    {
    }

    /// <summary>The loss of one step: augments the labeled rows (weakly, always first), then the method's loss.</summary>
    public StepResult Loss(TrainingStep step)
    {
        var labeled = step.WeakLabeled();
        return step.Unlabeled is { } unlabeled ? Loss(step, labeled, unlabeled) : LabeledOnlyLoss(step, labeled);
    }

    /// <summary>The method's loss of a batch with unlabeled rows.</summary>
    /// <param name="step">The step.</param>
    /// <param name="labeled">The labeled rows, weakly augmented.</param>
    /// <param name="unlabeled">The unlabeled rows, not augmented.</param>
    protected abstract StepResult Loss(TrainingStep step, torch.Tensor labeled, torch.Tensor unlabeled);

    /// <summary>The loss of a batch without unlabeled rows: the labeled cross-entropy alone (MixMatch still mixes).</summary>
    protected virtual StepResult LabeledOnlyLoss(TrainingStep step, torch.Tensor labeled)
    {
        var supervised = torch.nn.functional.cross_entropy(step.Student.call(labeled), step.Classes);
        return new StepResult { Loss = supervised, LabeledLoss = supervised.item<float>() };
    }

    /// <summary>Called after each optimizer step.</summary>
    public virtual void AfterStep()
    {
    }

    public virtual void Dispose()
    {
    }

    /// <summary>The step's result: labeled loss plus <paramref name="weight"/> times the unlabeled loss, with what the epoch report counts.</summary>
    protected static StepResult Combined(torch.Tensor labeledLoss, torch.Tensor unlabeledLoss, double weight, int usedCount, int unlabeledCount, PseudoLabelCheck? pseudoLabels) => new()
    {
        Loss = labeledLoss + unlabeledLoss.Times(weight),
        LabeledLoss = labeledLoss.item<float>(),
        UnlabeledLoss = unlabeledLoss.item<float>(),
        UnlabeledWeight = weight,
        UsedCount = usedCount,
        UnlabeledCount = unlabeledCount,
        PseudoLabelsRight = pseudoLabels?.Right ?? 0,
        PseudoLabelsChecked = pseudoLabels?.Checked ?? 0,
        PerClass = pseudoLabels,
    };

    /// <summary>Laine and Aila's ramp-up, <c>exp(-5 (1 - t)^2)</c> over the first <paramref name="fraction"/> of the steps.</summary>
    protected static double RampUp(double progress, double fraction)
    {
        if (fraction <= 0 || progress >= fraction)
            return 1;
        double t = 1 - progress / fraction;
        return Math.Exp(-5 * t * t);
    }

    /// <summary>How many of <paramref name="pseudoLabels"/> (where <paramref name="used"/>) match the known truth, in all and per class; null without truth.</summary>
    protected static PseudoLabelCheck? CheckPseudoLabels(int[]? truth, torch.Tensor pseudoLabels, torch.Tensor? used) =>
        truth is null ? null : PseudoLabelCheck.Of(truth, pseudoLabels.data<long>().ToArray(), used?.data<bool>().ToArray());
}

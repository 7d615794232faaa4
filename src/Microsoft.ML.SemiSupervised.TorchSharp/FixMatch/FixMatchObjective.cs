using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>FixMatch's loss: labeled cross-entropy plus lambda_u times the cross-entropy of the strong view against the confident weak view's class.</summary>
internal sealed class FixMatchObjective : SemiSupervisedObjective
{
    private readonly FixMatchOptions _options;
    private readonly bool _hasUnlabeledRows;

    public FixMatchObjective(FixMatchOptions options, bool hasUnlabeledRows)
    {
        _options = options;
        _hasUnlabeledRows = hasUnlabeledRows;
    }

    public override bool UsesUnlabeledRows => _hasUnlabeledRows && _options.UnlabeledLossWeight > 0;

    public override StepResult Loss(TrainingStep step)
    {
        var labeled = step.WeakLabeled();
        if (step.Unlabeled is null)
            return LabeledOnly(step, labeled);
        long l = labeled.shape[0], u = step.Unlabeled.shape[0];
        var weak = step.Weak.Apply(step.Unlabeled, step.Augmentation);
        var strong = step.Strong.Apply(step.Unlabeled, step.Augmentation);
        var logits = step.Student.call(torch.cat([labeled, weak, strong], 0));
        var labeledLoss = F.cross_entropy(logits.narrow(0, 0, l), step.Classes);
        var probabilities = F.softmax(logits.narrow(0, l, u).detach(), 1);
        var (confidence, pseudoLabels) = probabilities.max(1);
        var used = confidence.AtLeast(_options.ConfidenceThreshold);
        var perRow = F.cross_entropy(logits.narrow(0, l + u, u), pseudoLabels, reduction: torch.nn.Reduction.None);
        var unlabeledLoss = (perRow * used.to_type(torch.float32)).mean();
        var (right, count) = CheckPseudoLabels(step.UnlabeledTruth, pseudoLabels, used);
        return new StepResult
        {
            Loss = labeledLoss + unlabeledLoss.Times(_options.UnlabeledLossWeight),
            LabeledLoss = labeledLoss.item<float>(),
            UnlabeledLoss = unlabeledLoss.item<float>(),
            UnlabeledWeight = _options.UnlabeledLossWeight,
            UsedCount = (int)used.sum().item<long>(),
            UnlabeledCount = (int)u,
            PseudoLabelsRight = right,
            PseudoLabelsChecked = count,
        };
    }
}

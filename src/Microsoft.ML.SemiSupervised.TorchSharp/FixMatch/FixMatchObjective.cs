using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>FixMatch's loss: labeled cross-entropy plus lambda_u times the cross-entropy of the strong view against the confident weak view's class.</summary>
internal sealed class FixMatchObjective : SemiSupervisedObjective
{
    private readonly FixMatchOptions _options;

    public FixMatchObjective(FixMatchOptions options, bool hasUnlabeledRows)
        : base(hasUnlabeledRows, options.UnlabeledLossWeight) => _options = options;

    protected override StepResult Loss(TrainingStep step, torch.Tensor labeled, torch.Tensor unlabeled)
    {
        long l = labeled.shape[0], u = unlabeled.shape[0];
        var weak = step.Weak.Apply(unlabeled, step.Augmentation);
        var strong = step.Strong.Apply(unlabeled, step.Augmentation);
        var logits = step.Student.call(torch.cat([labeled, weak, strong], 0));
        var labeledLoss = F.cross_entropy(logits.narrow(0, 0, l), step.Classes);
        var probabilities = F.softmax(logits.narrow(0, l, u).detach(), 1);
        var (confidence, pseudoLabels) = probabilities.max(1);
        var used = confidence.AtLeast(_options.ConfidenceThreshold);
        var perRow = F.cross_entropy(logits.narrow(0, l + u, u), pseudoLabels, reduction: torch.nn.Reduction.None);
        var unlabeledLoss = (perRow * used.to_type(torch.float32)).mean();
        var pseudoLabelsChecked = CheckPseudoLabels(step.UnlabeledTruth, pseudoLabels, used);
        return Combined(labeledLoss, unlabeledLoss, UnlabeledWeight, (int)used.sum().item<long>(), (int)u, pseudoLabelsChecked);
    }
}

using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Lee's pseudo-labeling: the network's own hard class for each unlabeled row as its target, with a ramped weight.</summary>
internal sealed class PseudoLabelingObjective : SemiSupervisedObjective
{
    private readonly PseudoLabelingOptions _options;

    public PseudoLabelingObjective(PseudoLabelingOptions options, bool hasUnlabeledRows)
        : base(hasUnlabeledRows, options.UnlabeledLossWeight) => _options = options;

    protected override StepResult Loss(TrainingStep step, torch.Tensor labeled, torch.Tensor unlabeled)
    {
        long l = labeled.shape[0], u = unlabeled.shape[0];
        var weak = step.Weak.Apply(unlabeled, step.Augmentation);
        var logits = step.Student.call(torch.cat([labeled, weak], 0));
        var labeledLoss = F.cross_entropy(logits.narrow(0, 0, l), step.Classes);
        var unlabeledLogits = logits.narrow(0, l, u);
        var pseudoLabels = unlabeledLogits.detach().argmax(1);
        var unlabeledLoss = F.cross_entropy(unlabeledLogits, pseudoLabels);
        double weight = UnlabeledWeight * RampUp(step.Progress, _options.RampUpFraction);
        return Combined(labeledLoss, unlabeledLoss, weight, (int)u, (int)u, CheckPseudoLabels(step.UnlabeledTruth, pseudoLabels, null));
    }
}

using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Lee's pseudo-labeling: the network's own hard class for each unlabeled row as its target, with a ramped weight.</summary>
internal sealed class PseudoLabelingObjective : SemiSupervisedObjective
{
    private readonly PseudoLabelingOptions _options;
    private readonly bool _hasUnlabeledRows;

    public PseudoLabelingObjective(PseudoLabelingOptions options, bool hasUnlabeledRows)
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
        var logits = step.Student.call(torch.cat([labeled, weak], 0));
        var labeledLoss = F.cross_entropy(logits.narrow(0, 0, l), step.Classes);
        var unlabeledLogits = logits.narrow(0, l, u);
        var pseudoLabels = unlabeledLogits.detach().argmax(1);
        var unlabeledLoss = F.cross_entropy(unlabeledLogits, pseudoLabels);
        double weight = _options.UnlabeledLossWeight * RampUp(step.Progress, _options.RampUpFraction);
        var (right, count) = CheckPseudoLabels(step.UnlabeledTruth, pseudoLabels, null);
        return new StepResult
        {
            Loss = labeledLoss + unlabeledLoss.Times(weight),
            LabeledLoss = labeledLoss.item<float>(),
            UnlabeledLoss = unlabeledLoss.item<float>(),
            UnlabeledWeight = weight,
            UsedCount = (int)u,
            UnlabeledCount = (int)u,
            PseudoLabelsRight = right,
            PseudoLabelsChecked = count,
        };
    }
}

using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>FixMatch's loss: labeled cross-entropy plus lambda_u times the cross-entropy of the strong view against the confident weak view's class.</summary>
internal sealed class FixMatchObjective : SemiSupervisedObjective
{
    private readonly FixMatchOptions _options;
    private readonly ClassAdaptiveThresholds? _classThresholds;
    private readonly DistributionAlignment? _alignment;

    /// <param name="options">The options.</param>
    /// <param name="hasUnlabeledRows">Whether the training rows include unlabeled ones.</param>
    /// <param name="classes">The training rows' classes (-1 unlabeled).</param>
    /// <param name="classCount">The classes.</param>
    public FixMatchObjective(FixMatchOptions options, bool hasUnlabeledRows, int[] classes, int classCount)
        : base(hasUnlabeledRows, options.UnlabeledLossWeight)
    {
        _options = options;
        if (options.ThresholdKind == ConfidenceThresholdKind.ClassAdaptive)
            _classThresholds = new ClassAdaptiveThresholds(options.ConfidenceThreshold, classes.Length, classes.Count(c => c < 0), classCount, options.ThresholdWarmUp);
        if (options.DistributionAlignment)
            _alignment = new DistributionAlignment(classes, classCount);
    }

    protected override StepResult Loss(TrainingStep step, torch.Tensor labeled, torch.Tensor unlabeled)
    {
        long l = labeled.shape[0], u = unlabeled.shape[0];
        var weak = step.Weak.Apply(unlabeled, step.Augmentation);
        var strong = step.Strong.Apply(unlabeled, step.Augmentation);
        var logits = step.Student.call(torch.cat([labeled, weak, strong], 0));
        var labeledLoss = F.cross_entropy(logits.narrow(0, 0, l), step.Classes);
        var probabilities = F.softmax(logits.narrow(0, l, u).detach(), 1);
        if (_alignment is not null)
            probabilities = _alignment.Align(probabilities);
        var (confidence, pseudoLabels) = probabilities.max(1);
        var used = Used(step, confidence, pseudoLabels);
        var perRow = F.cross_entropy(logits.narrow(0, l + u, u), pseudoLabels, reduction: torch.nn.Reduction.None);
        var unlabeledLoss = (perRow * used.to_type(torch.float32)).mean();
        var pseudoLabelsChecked = CheckPseudoLabels(step.UnlabeledTruth, pseudoLabels, used);
        return Combined(labeledLoss, unlabeledLoss, UnlabeledWeight, (int)used.sum().item<long>(), (int)u, pseudoLabelsChecked);
    }

    /// <summary>Which rows' pseudo-labels take part: confidence at the threshold, or at their class's threshold (FlexMatch).</summary>
    private torch.Tensor Used(TrainingStep step, torch.Tensor confidence, torch.Tensor pseudoLabels)
    {
        if (_classThresholds is null)
            return confidence.AtLeast(_options.ConfidenceThreshold);
        var thresholds = torch.tensor(_classThresholds.Current().Select(t => (float)t).ToArray());
        var used = confidence.ge(thresholds.index_select(0, pseudoLabels));
        _classThresholds.Record(step.UnlabeledRows!, pseudoLabels.data<long>().ToArray(), confidence.data<float>().ToArray());
        return used;
    }
}

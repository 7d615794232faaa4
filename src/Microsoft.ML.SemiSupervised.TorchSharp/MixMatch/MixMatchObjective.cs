using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>MixMatch's loss: guessed, sharpened labels for the unlabeled rows, MixUp across all rows, cross-entropy plus ramped squared error.</summary>
internal sealed class MixMatchObjective : SemiSupervisedObjective
{
    private readonly MixMatchOptions _options;
    private readonly int _classCount;

    public MixMatchObjective(MixMatchOptions options, bool hasUnlabeledRows, int classCount)
        : base(hasUnlabeledRows, options.UnlabeledLossWeight)
    {
        _options = options;
        _classCount = classCount;
    }

    protected override StepResult Loss(TrainingStep step, torch.Tensor labeled, torch.Tensor unlabeled) => Mixed(step, labeled, unlabeled);

    /// <summary>A batch without unlabeled rows still mixes its labeled rows (MixUp among them).</summary>
    protected override StepResult LabeledOnlyLoss(TrainingStep step, torch.Tensor labeled) => Mixed(step, labeled, null);

    private StepResult Mixed(TrainingStep step, torch.Tensor labeled, torch.Tensor? unlabeled)
    {
        long l = labeled.shape[0];
        var labeledTargets = F.one_hot(step.Classes, _classCount).to_type(torch.float32);
        torch.Tensor rows = labeled, targets = labeledTargets;
        long u = 0;
        torch.Tensor? guess = null;
        if (unlabeled is not null)
        {
            u = unlabeled.shape[0];
            var views = new List<torch.Tensor>();
            for (int k = 0; k < _options.NumberOfAugmentations; k++)
                views.Add(step.Weak.Apply(unlabeled, step.Augmentation));
            using (torch.no_grad())
            {
                var average = torch.stack(views.Select(v => F.softmax(step.Student.call(v), 1)), 0).mean([0L]);
                var sharpened = average.Power(1 / _options.Temperature);
                guess = (sharpened / sharpened.sum(1, keepdim: true)).detach();
            }
            rows = torch.cat([labeled, .. views], 0);
            targets = torch.cat([labeledTargets, .. Enumerable.Repeat(guess, _options.NumberOfAugmentations)], 0);
        }
        double lambda = Beta(step.Random, _options.Alpha);
        lambda = Math.Max(lambda, 1 - lambda);
        using var order = torch.randperm(rows.shape[0], generator: step.Augmentation.Generator);
        var mixed = rows.Times(lambda) + rows.index_select(0, order).Times(1 - lambda);
        var mixedTargets = targets.Times(lambda) + targets.index_select(0, order).Times(1 - lambda);
        var logits = step.Student.call(mixed);
        var labeledLoss = -(mixedTargets.narrow(0, 0, l) * F.log_softmax(logits.narrow(0, 0, l), 1)).sum(1).mean();
        if (guess is null)
            return new StepResult { Loss = labeledLoss, LabeledLoss = labeledLoss.item<float>() };
        long mixedUnlabeled = rows.shape[0] - l;
        var unlabeledLoss = F.mse_loss(F.softmax(logits.narrow(0, l, mixedUnlabeled), 1), mixedTargets.narrow(0, l, mixedUnlabeled));
        double weight = UnlabeledWeight * RampUp(step.Progress, _options.RampUpFraction);
        return Combined(labeledLoss, unlabeledLoss, weight, (int)u, (int)u, CheckPseudoLabels(step.UnlabeledTruth, guess.argmax(1), null));
    }

    /// <summary>A draw from Beta(alpha, alpha), as the ratio of two Gamma draws (Marsaglia and Tsang).</summary>
    private static double Beta(Random random, double alpha)
    {
        double x = Gamma(random, alpha), y = Gamma(random, alpha);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    private static double Gamma(Random random, double shape)
    {
        if (shape < 1)
            return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double uniform = 1 - random.NextDouble();
            if (Math.Log(uniform) < 0.5 * x * x + d - d * v + d * Math.Log(v))
                return d * v;
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

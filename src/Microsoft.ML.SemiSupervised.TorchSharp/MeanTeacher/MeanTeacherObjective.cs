using TorchSharp;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Mean Teacher's loss (Pi-model's when the teacher decay is 0): labeled cross-entropy plus a ramped weight times the
/// squared error between the student's and the teacher's class probabilities on two augmentations of every row.
/// </summary>
internal sealed class MeanTeacherObjective : SemiSupervisedObjective
{
    private readonly MeanTeacherOptions _options;
    private WeightAverage? _teacher;
    private Module<torch.Tensor, torch.Tensor>? _student;

    public MeanTeacherObjective(MeanTeacherOptions options, bool hasUnlabeledRows)
        : base(hasUnlabeledRows, options.ConsistencyWeight) => _options = options;

    public override void Start(NetworkArchitecture architecture, Module<torch.Tensor, torch.Tensor> student)
    {
        _student = student;
        if (_options.TeacherDecay > 0)
            _teacher = new WeightAverage(architecture, student, _options.TeacherDecay, warmUpLikeTensorFlow: false);
    }

    protected override StepResult Loss(TrainingStep step, torch.Tensor labeled, torch.Tensor unlabeled)
    {
        long l = labeled.shape[0], u = unlabeled.shape[0];
        var studentInput = torch.cat([labeled, step.Weak.Apply(unlabeled, step.Augmentation)], 0);
        var teacherInput = torch.cat([step.Weak.Apply(step.Labeled, step.Augmentation), step.Weak.Apply(unlabeled, step.Augmentation)], 0);
        var logits = step.Student.call(studentInput);
        torch.Tensor target;
        using (torch.no_grad())
        {
            var teacher = _teacher?.Network ?? step.Student;
            teacher.train();
            target = F.softmax(teacher.call(teacherInput), 1).detach();
        }
        var labeledLoss = F.cross_entropy(logits.narrow(0, 0, l), step.Classes);
        var consistency = F.mse_loss(F.softmax(logits, 1), target);
        double weight = UnlabeledWeight * RampUp(step.Progress, _options.RampUpFraction);
        var pseudoLabels = target.narrow(0, l, u).argmax(1);
        return Combined(labeledLoss, consistency, weight, (int)u, (int)u, CheckPseudoLabels(step.UnlabeledTruth, pseudoLabels, null));
    }

    public override void AfterStep() => _teacher?.Update();

    public override void Dispose()
    {
        _teacher?.Dispose();
        base.Dispose();
    }
}

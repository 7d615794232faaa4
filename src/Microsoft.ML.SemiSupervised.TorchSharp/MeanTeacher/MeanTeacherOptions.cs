using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Options of consistency regularization, Mean Teacher or Pi-model (<c>mlContext.SemiSupervised.MeanTeacher</c>).</summary>
/// <remarks>
/// Mean Teacher (Tarvainen and Valpola, 2017): a teacher whose weights are the exponential moving average of the
/// student's (decay <see cref="TeacherDecay"/>) predicts each row under one weak augmentation; the student, under
/// another, is trained to match it (squared error between the class probabilities), with a weight ramped up to
/// <see cref="ConsistencyWeight"/>, beside the labeled cross-entropy. With <see cref="TeacherDecay"/> 0 the teacher is
/// the student itself: the Pi-model (Laine and Aila, 2017; the same row under two perturbations, the target held fixed).
/// </remarks>
public sealed class MeanTeacherOptions : NeuralNetworkOptions
{
    /// <summary>The teacher's weight-average decay, in [0, 1); 0 is the Pi-model.</summary>
    /// <value>The default value is 0.99 (the paper's early-training value).</value>
    public double TeacherDecay { get; set; } = NeuralDefaults.MeanTeacherTeacherDecay;

    /// <summary>The final weight of the consistency loss, non-negative; 0 is the supervised baseline.</summary>
    /// <value>The default value is 10.</value>
    public double ConsistencyWeight { get; set; } = NeuralDefaults.MeanTeacherConsistencyWeight;

    /// <summary>The unlabeled rows per labeled row in each step, positive.</summary>
    /// <value>The default value is 4.</value>
    public int UnlabeledRatio { get; set; } = NeuralDefaults.MeanTeacherUnlabeledRatio;

    /// <summary>The share of the steps over which the consistency weight ramps up (<c>exp(-5 (1 - t)^2)</c>), in [0, 1].</summary>
    /// <value>The default value is 0.4.</value>
    public double RampUpFraction { get; set; } = NeuralDefaults.RampUpFraction;

    internal override string MethodName => TeacherDecay == 0 ? "Pi-model" : "Mean Teacher";

    internal override int UnlabeledRowsPerLabeledRow => UnlabeledRatio;

    internal override NeuralNetworkOptions Clone() => CopySharedTo(new MeanTeacherOptions
    {
        TeacherDecay = TeacherDecay,
        ConsistencyWeight = ConsistencyWeight,
        UnlabeledRatio = UnlabeledRatio,
        RampUpFraction = RampUpFraction,
    });

    private protected override void ValidateMethod(OptionErrors errors)
    {
        errors.Check(TeacherDecay >= 0 && TeacherDecay < 1, $"TeacherDecay must be in [0, 1); got {TeacherDecay}.");
        errors.Check(double.IsFinite(ConsistencyWeight) && ConsistencyWeight >= 0, $"ConsistencyWeight must be non-negative; got {ConsistencyWeight}.");
        errors.Check(UnlabeledRatio > 0, $"UnlabeledRatio must be positive; got {UnlabeledRatio}.");
        errors.Check(RampUpFraction >= 0 && RampUpFraction <= 1, $"RampUpFraction must be in [0, 1]; got {RampUpFraction}.");
    }
}

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>The default of every option of <see cref="AutoOptions"/>, and the names of the default candidates, in one place.</summary>
internal static class AutoDefaults
{
    public const int NumberOfFolds = 5;
    public const int NumberOfRepeats = 2;
    public const int MaximumNumberOfRepeats = 4;
    public const bool LeaveOneOutWithFewLabels = false;
    public const bool ReverseValidationWithSingleLabelClasses = true;
    public const AutoDecisionRule DecisionRule = AutoDecisionRule.CorrectedBound;
    public const bool CheckDistributionShift = true;
    public const bool UseShiftedUnlabeledRows = false;

    public const string SupervisedName = "Supervised";
    public const string SelfTrainingName = "SelfTraining";
    public const string LabelSpreadingName = "LabelSpreadingThenTrainer";
    public const string CoTrainingName = "CoTraining";
    public const string TriTrainingName = "TriTraining";
}

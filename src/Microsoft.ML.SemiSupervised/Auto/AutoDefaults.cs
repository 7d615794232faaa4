namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>The default of every option of <see cref="AutoOptions"/>, and the names of the default candidates, in one place.</summary>
internal static class AutoDefaults
{
    public const int NumberOfFolds = 5;
    public const int NumberOfRepeats = 2;
    public const bool CheckDistributionShift = true;
    public const bool UseShiftedUnlabeledRows = false;

    /// <summary>
    /// The one-sided level of the evidence that the chosen candidate beats the supervised trainer, for the whole family
    /// of candidates compared: each candidate's bound is at 1 - 0.05 / (candidates compared) (Bonferroni).
    /// </summary>
    public const double ConfidenceLevel = 0.95;

    public const string SupervisedName = "Supervised";
    public const string SelfTrainingName = "SelfTraining";
    public const string LabelSpreadingName = "LabelSpreadingThenTrainer";
    public const string CoTrainingName = "CoTraining";
    public const string TriTrainingName = "TriTraining";
}

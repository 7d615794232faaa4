namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>The default of every option of <see cref="AutoOptions"/>, and the names of the default candidates, in one place.</summary>
internal static class AutoDefaults
{
    public const int NumberOfFolds = 5;
    public const int NumberOfRepeats = 2;
    public const bool CheckDistributionShift = true;
    public const bool UseShiftedUnlabeledRows = false;

    /// <summary>The one-sided level of the evidence a candidate needs, before the Bonferroni correction: 97.5 %, the lower end of a two-sided 95 % interval.</summary>
    public const double ConfidenceLevel = 0.975;

    public const string SupervisedName = "Supervised";
    public const string SelfTrainingName = "SelfTraining";
    public const string LabelSpreadingName = "LabelSpreadingThenTrainer";
    public const string CoTrainingName = "CoTraining";
    public const string TriTrainingName = "TriTraining";
}

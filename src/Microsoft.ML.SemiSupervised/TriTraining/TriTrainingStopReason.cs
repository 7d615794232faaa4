namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>Why a tri-training fit stopped.</summary>
public enum TriTrainingStopReason
{
    /// <summary>The data had no unlabeled rows: the three models were fitted once, on their bootstrap samples.</summary>
    NoUnlabeledRows,

    /// <summary>A round updated no model: for each, the error-rate conditions of Zhou and Li failed (the paper's stopping rule).</summary>
    NoChange,

    /// <summary><see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> rounds ran.</summary>
    MaximumIterationsReached,
}

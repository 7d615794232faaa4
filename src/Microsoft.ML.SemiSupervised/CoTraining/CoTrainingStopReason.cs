namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>Why a co-training fit stopped.</summary>
public enum CoTrainingStopReason
{
    /// <summary>The data had no unlabeled rows: each view's model was fitted once, on the labeled rows.</summary>
    NoUnlabeledRows,

    /// <summary>A round labeled no row: no pool row passed either view's criterion.</summary>
    NoChange,

    /// <summary>Every unlabeled row was labeled: the pool could not be refilled.</summary>
    AllLabeled,

    /// <summary><see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> rounds ran.</summary>
    MaximumIterationsReached,
}

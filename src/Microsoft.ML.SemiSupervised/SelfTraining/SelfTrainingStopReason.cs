namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>Why a self-training loop stopped.</summary>
public enum SelfTrainingStopReason
{
    /// <summary>The data had no unlabeled rows: the inner trainer was fitted once, on the labeled rows.</summary>
    NoUnlabeledRows,

    /// <summary>An iteration selected no row: no unlabeled row passed the criterion.</summary>
    NoChange,

    /// <summary>Every unlabeled row received a pseudo-label.</summary>
    AllLabeled,

    /// <summary><see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> iterations ran.</summary>
    MaximumIterationsReached,

    /// <summary>
    /// The accuracy on the held-out labeled rows fell below the best seen so far by more than
    /// <see cref="SelfTrainingOptions.HoldOutTolerance"/>; the pseudo-labels of the iteration that
    /// caused the drop were withdrawn.
    /// </summary>
    HoldOutAccuracyDropped,
}

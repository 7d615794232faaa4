namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Why a neural fit stopped.</summary>
public enum NeuralStopReason
{
    /// <summary>It ran every epoch (<see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/>).</summary>
    MaximumNumberOfEpochs = 0,

    /// <summary>The validation accuracy did not improve for <see cref="NeuralNetworkOptions.ValidationPatience"/> epochs; the best epoch's weights were kept.</summary>
    EarlyStopped = 1,
}

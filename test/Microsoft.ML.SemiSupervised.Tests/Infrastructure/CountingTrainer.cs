using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// An ML.NET multiclass trainer (LbfgsMaximumEntropy on the given feature column) that counts its own fits: the way to
/// see whether a wrapper gives each fit a new trainer from its factory.
/// </summary>
public sealed class CountingTrainer(MLContext ml, string featureColumnName = "Features")
    : ITrainerEstimator<MulticlassPredictionTransformer<MaximumEntropyModelParameters>, MaximumEntropyModelParameters>
{
    private readonly LbfgsMaximumEntropyMulticlassTrainer _inner = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: featureColumnName);

    /// <summary>How many times this instance was fitted.</summary>
    public int FitCount { get; private set; }

    /// <inheritdoc />
    public TrainerInfo Info => _inner.Info;

    /// <inheritdoc />
    public MulticlassPredictionTransformer<MaximumEntropyModelParameters> Fit(IDataView input)
    {
        FitCount++;
        return _inner.Fit(input);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _inner.GetOutputSchema(inputSchema);
}

using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// The mappings that combine the two views' class probabilities of a co-training model, registered under fixed
/// contract names so that <c>mlContext.Model.Load</c> finds them again in this assembly.
/// </summary>
internal static class CoTrainingCombiners
{
    /// <summary>The normalized product of the two views' probabilities (Blum and Mitchell's combination).</summary>
    public static void BinaryProduct(EnsembleRows.BinaryPair input, EnsembleRows.BinaryOutput output)
    {
        double positive = (double)input.First * input.Second;
        double negative = (1.0 - input.First) * (1.0 - input.Second);
        double p = positive + negative > 0 ? positive / (positive + negative) : 0.5 * (input.First + input.Second);
        EnsembleRows.WriteBinary(output, p, p >= 0.5);
    }

    /// <summary>The mean of the two views' probabilities.</summary>
    public static void BinaryMean(EnsembleRows.BinaryPair input, EnsembleRows.BinaryOutput output)
    {
        double p = 0.5 * ((double)input.First + input.Second);
        EnsembleRows.WriteBinary(output, p, p >= 0.5);
    }

    /// <summary>The normalized product of the two views' distributions; their mean where the product is zero everywhere.</summary>
    public static void MulticlassProduct(EnsembleRows.VectorPair input, EnsembleRows.MulticlassOutput output)
    {
        int count = Math.Min(input.First.Length, input.Second.Length);
        Span<double> combined = stackalloc double[count];
        double sum = 0;
        for (int c = 0; c < count; c++)
            sum += combined[c] = (double)input.First[c] * input.Second[c];
        for (int c = 0; c < count; c++)
            combined[c] = sum > 0 ? combined[c] / sum : 0.5 * ((double)input.First[c] + input.Second[c]);
        output.Class = (uint)EnsembleRows.WriteDistribution(output, combined) + 1;
    }

    /// <summary>The mean of the two views' distributions.</summary>
    public static void MulticlassMean(EnsembleRows.VectorPair input, EnsembleRows.MulticlassOutput output)
    {
        int count = Math.Min(input.First.Length, input.Second.Length);
        Span<double> combined = stackalloc double[count];
        for (int c = 0; c < count; c++)
            combined[c] = 0.5 * ((double)input.First[c] + input.Second[c]);
        output.Class = (uint)EnsembleRows.WriteDistribution(output, combined) + 1;
    }
}

/// <summary>Recreates, on load, the binary product combination.</summary>
[CustomMappingFactoryAttribute(ModelContracts.CoTrainingBinaryProductV1)]
internal sealed class CoTrainingBinaryProductFactory : CustomMappingFactory<EnsembleRows.BinaryPair, EnsembleRows.BinaryOutput>
{
    /// <inheritdoc />
    public override Action<EnsembleRows.BinaryPair, EnsembleRows.BinaryOutput> GetMapping() => CoTrainingCombiners.BinaryProduct;
}

/// <summary>Recreates, on load, the binary mean combination.</summary>
[CustomMappingFactoryAttribute(ModelContracts.CoTrainingBinaryMeanV1)]
internal sealed class CoTrainingBinaryMeanFactory : CustomMappingFactory<EnsembleRows.BinaryPair, EnsembleRows.BinaryOutput>
{
    /// <inheritdoc />
    public override Action<EnsembleRows.BinaryPair, EnsembleRows.BinaryOutput> GetMapping() => CoTrainingCombiners.BinaryMean;
}

/// <summary>Recreates, on load, the multiclass product combination.</summary>
[CustomMappingFactoryAttribute(ModelContracts.CoTrainingMulticlassProductV1)]
internal sealed class CoTrainingMulticlassProductFactory : CustomMappingFactory<EnsembleRows.VectorPair, EnsembleRows.MulticlassOutput>
{
    /// <inheritdoc />
    public override Action<EnsembleRows.VectorPair, EnsembleRows.MulticlassOutput> GetMapping() => CoTrainingCombiners.MulticlassProduct;
}

/// <summary>Recreates, on load, the multiclass mean combination.</summary>
[CustomMappingFactoryAttribute(ModelContracts.CoTrainingMulticlassMeanV1)]
internal sealed class CoTrainingMulticlassMeanFactory : CustomMappingFactory<EnsembleRows.VectorPair, EnsembleRows.MulticlassOutput>
{
    /// <inheritdoc />
    public override Action<EnsembleRows.VectorPair, EnsembleRows.MulticlassOutput> GetMapping() => CoTrainingCombiners.MulticlassMean;
}

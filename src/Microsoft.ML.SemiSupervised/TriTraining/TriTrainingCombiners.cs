using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>
/// The majority vote of a tri-training model's three members, registered under fixed contract names so that
/// <c>mlContext.Model.Load</c> finds it again in this assembly. PredictedLabel is the class at least two members
/// predict; Score (and Probability) is the mean class probability of the members in that majority, so that Score
/// agrees with PredictedLabel (ML.NET's evaluators read Score). When all three members differ (multiclass), both come
/// from the mean of all three.
/// </summary>
internal static class TriTrainingCombiners
{
    /// <summary>The binary vote.</summary>
    public static void BinaryVote(EnsembleRows.BinaryTriple input, EnsembleRows.BinaryOutput output)
    {
        ReadOnlySpan<float> p = [input.First, input.Second, input.Third];
        int votes = (p[0] >= 0.5f ? 1 : 0) + (p[1] >= 0.5f ? 1 : 0) + (p[2] >= 0.5f ? 1 : 0);
        bool positive = votes >= 2;
        double sum = 0;
        int members = 0;
        foreach (var value in p)
        {
            if (value >= 0.5f == positive)
            {
                sum += value;
                members++;
            }
        }
        EnsembleRows.WriteBinary(output, sum / members, positive);
    }

    /// <summary>The multiclass vote.</summary>
    public static void MulticlassVote(EnsembleRows.VectorTriple input, EnsembleRows.MulticlassOutput output)
    {
        int count = Math.Min(input.First.Length, Math.Min(input.Second.Length, input.Third.Length));
        float[][] distributions = [input.First, input.Second, input.Third];
        var votes = distributions.Select(d => ArgMax(d, count)).ToArray();
        int winner = votes[0] == votes[1] || votes[0] == votes[2] ? votes[0] : votes[1] == votes[2] ? votes[1] : -1;
        Span<double> mean = stackalloc double[count];
        int members = 0;
        for (int m = 0; m < 3; m++)
        {
            if (winner >= 0 && votes[m] != winner)
                continue;
            members++;
            for (int c = 0; c < count; c++)
                mean[c] += distributions[m][c];
        }
        for (int c = 0; c < count; c++)
            mean[c] /= members;
        int byMean = EnsembleRows.WriteDistribution(output, mean);
        output.Class = (uint)(winner >= 0 ? winner : byMean) + 1;
    }

    private static int ArgMax(float[] values, int count)
    {
        int best = 0;
        for (int c = 1; c < count; c++)
        {
            if (values[c] > values[best])
                best = c;
        }
        return best;
    }
}

/// <summary>Recreates, on load, the binary majority vote.</summary>
[CustomMappingFactoryAttribute(ModelContracts.TriTrainingBinaryVoteV1)]
internal sealed class TriTrainingBinaryVoteFactory : CustomMappingFactory<EnsembleRows.BinaryTriple, EnsembleRows.BinaryOutput>
{
    /// <inheritdoc />
    public override Action<EnsembleRows.BinaryTriple, EnsembleRows.BinaryOutput> GetMapping() => TriTrainingCombiners.BinaryVote;
}

/// <summary>Recreates, on load, the multiclass majority vote.</summary>
[CustomMappingFactoryAttribute(ModelContracts.TriTrainingMulticlassVoteV1)]
internal sealed class TriTrainingMulticlassVoteFactory : CustomMappingFactory<EnsembleRows.VectorTriple, EnsembleRows.MulticlassOutput>
{
    /// <inheritdoc />
    public override Action<EnsembleRows.VectorTriple, EnsembleRows.MulticlassOutput> GetMapping() => TriTrainingCombiners.MulticlassVote;
}

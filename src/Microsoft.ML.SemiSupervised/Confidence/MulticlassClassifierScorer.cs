using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Confidence;

/// <summary>
/// Confidences of a multiclass classifier: the largest entry of its Score vector, whose slot is the
/// predicted class. The Score must be a probability distribution (MaximumEntropy, LightGbm,
/// OneVersusAll, ...). NaiveBayes is the one documented exception: its scores are per-class log
/// likelihoods, which a softmax turns into the model's posterior probabilities. Any other score that is
/// not a distribution is refused with an explanation rather than compared with a probability threshold.
/// </summary>
internal sealed class MulticlassClassifierScorer : ClassifierScorer
{
    private const string ScoreColumn = "Score";
    private const float SumTolerance = 1e-3f;

    public override Labels.LabelTask Task => Labels.LabelTask.Multiclass;

    public override ClassPrediction[] Predict(ITransformer model, int[] rows, IRowStore store)
    {
        bool logLikelihoods = model is MulticlassPredictionTransformer<NaiveBayesMulticlassModelParameters>;
        // GetColumn reuses one buffer for every row: each score is read before the next row is.
        return ScoreInParallel(model, rows, store, scored => scored.GetColumn<VBuffer<float>>(ScoreColumn).Select(score => PredictionOf(score, logLikelihoods)));
    }

    private static ClassPrediction PredictionOf(VBuffer<float> score, bool logLikelihoods)
    {
        var values = logLikelihoods ? Softmax(score.DenseValues().ToArray()) : score.DenseValues();
        int best = -1;
        float bestValue = float.NegativeInfinity;
        float sum = 0;
        int slot = 0;
        foreach (var v in values)
        {
            if (v < 0 || v > 1 + SumTolerance || float.IsNaN(v))
                throw NotADistribution(v);
            sum += v;
            if (v > bestValue)
            {
                bestValue = v;
                best = slot;
            }
            slot++;
        }
        if (Math.Abs(sum - 1) > SumTolerance)
            throw NotADistribution(sum);
        return new ClassPrediction(best, bestValue);
    }

    private static float[] Softmax(float[] logits)
    {
        float max = logits.Max();
        var exp = logits.Select(v => Math.Exp(v - max)).ToArray();
        double sum = exp.Sum();
        return exp.Select(e => (float)(e / sum)).ToArray();
    }

    private static InvalidOperationException NotADistribution(float value) => new(
        FormattableString.Invariant($"The inner multiclass trainer's Score is not a probability distribution (found {value}), ") +
        "so its confidence cannot be compared with a threshold or ranked across classes. " +
        "Use a trainer whose scores are probabilities (LbfgsMaximumEntropy, SdcaMaximumEntropy, LightGbm, OneVersusAll with a calibrated binary trainer).");
}

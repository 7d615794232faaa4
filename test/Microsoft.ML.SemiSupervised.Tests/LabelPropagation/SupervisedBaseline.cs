using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>Supervised baselines trained on the labeled rows only, scored on the hidden rows.</summary>
public static class SupervisedBaseline
{
    /// <summary>ML.NET's L-BFGS maximum entropy (multinomial logistic regression) on min-max normalized features.</summary>
    public static double LogisticRegression(MLContext mlContext, GraphTestData set)
    {
        var all = set.ToDataView(mlContext);
        var labeledOnly = mlContext.Data.FilterRowsByMissingValues(all, "Label");
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.Transforms.NormalizeMinMax("Features"))
            .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(labeledOnly);
        var predicted = model.Transform(all).GetColumn<float>("PredictedLabel").Select(v => (int)v).ToArray();
        return set.UnlabeledAccuracy(predicted);
    }

    /// <summary>1-nearest-neighbour on the labeled rows (Euclidean).</summary>
    public static double NearestNeighbor(GraphTestData set)
    {
        var labeled = Enumerable.Range(0, set.Count).Where(i => set.Labeled[i]).ToArray();
        var predicted = new int[set.Count];
        for (int i = 0; i < set.Count; i++)
        {
            int best = labeled.MinBy(j => VectorMath.SquaredDistance(set.Features[i], set.Features[j]));
            predicted[i] = set.TrueLabels[best];
        }
        return set.UnlabeledAccuracy(predicted);
    }
}

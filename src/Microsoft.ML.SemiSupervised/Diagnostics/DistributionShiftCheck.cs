using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Diagnostics;

/// <summary>
/// Tells whether labeled and unlabeled rows come from one distribution: a classifier is trained to tell
/// them apart and its cross-validated AUC measured (Rosenbaum-Rubin's propensity idea, known in machine
/// learning as adversarial validation). Near 0.5 it cannot; near 1 the unlabeled rows teach something the
/// labeled rows do not show.
/// </summary>
/// <remarks>
/// The classifier is L2-regularized logistic regression (ML.NET's L-BFGS) on standardized features, with
/// the two sets weighted to equal total weight so that a small labeled set is not simply outvoted. Its
/// weights name the separating features. It sees linear differences (shifted means, other classes,
/// rescaled features), not differences only a non-linear model can find. Progress goes to <c>mlContext.Log</c>: the
/// start, each fold with its AUC and time, and the final fit; cancellation is checked before each fit.
/// </remarks>
internal static class DistributionShiftCheck
{
    private const string TargetColumn = "__SemiSupervised_IsLabeled";
    private const string WeightColumn = "__SemiSupervised_Weight";
    private const int HighDimensionalIterations = 100;
    private const string ComponentName = "DistributionShift";

    /// <summary>Runs the check on rows already read as vectors.</summary>
    public static DistributionShiftReport Run(MLContext context, FeatureRows features, int[] classes, DistributionShiftOptions options, Random random) =>
        Run(context, features.ToColumn(), classes, options, random);

    /// <summary>Runs the check on rows already read into one dense row-major array.</summary>
    public static DistributionShiftReport Run(MLContext context, string featureColumnName, float[] dense, int dimension, int[] classes, DistributionShiftOptions options, Random random) =>
        Run(context, InMemoryColumn.Create(featureColumnName, new VectorDataViewType(NumberDataViewType.Single, dimension),
            (int row, ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, dimension);
                dense.AsSpan(row * dimension, dimension).CopyTo(editor.Values);
                value = editor.Commit();
            }),
            classes, options, random);

    /// <summary>Runs the check on sparse rows, served to the trainer as sparse vectors.</summary>
    public static DistributionShiftReport Run(MLContext context, string featureColumnName, SparseRows rows, DataViewSchema.Annotations? annotations, int[] classes, DistributionShiftOptions options, Random random) =>
        Run(context, InMemoryColumn.Create(featureColumnName, new VectorDataViewType(NumberDataViewType.Single, rows.Dimension),
            (int row, ref VBuffer<float> value) =>
            {
                var indices = rows.RowIndices(row);
                var editor = VBufferEditor.Create(ref value, rows.Dimension, indices.Length);
                indices.CopyTo(editor.Indices);
                rows.RowValues(row).CopyTo(editor.Values);
                value = editor.Commit();
            }, annotations),
            classes, options, random);

    /// <summary>Runs the check on a feature column over the rows whose classes are <paramref name="classes"/>.</summary>
    private static DistributionShiftReport Run(MLContext context, InMemoryColumn features, int[] classes, DistributionShiftOptions options, Random random)
    {
        var isLabeled = classes.Select(c => c >= 0).ToArray();
        int labeled = isLabeled.Count(l => l);
        int unlabeled = isLabeled.Length - labeled;
        int folds = Math.Min(options.NumberOfFolds, Math.Min(labeled, unlabeled));
        using var channel = ((IHostEnvironment)context).Register(ComponentName).Start(nameof(Run));
        if (folds < 2)
        {
            channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Distribution shift check: {labeled} labeled and {unlabeled} unlabeled rows, too few for 2 folds; no AUC."));
            return new DistributionShiftReport(double.NaN, Array.Empty<double>(), options.AucThreshold, Array.Empty<FeatureShift>(), labeled, unlabeled);
        }
        channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Distribution shift check: {labeled} labeled and {unlabeled} unlabeled rows, {folds} folds."));

        float labeledWeight = (float)isLabeled.Length / (2 * labeled);
        float unlabeledWeight = (float)isLabeled.Length / (2 * unlabeled);
        var columns = new[]
        {
            features,
            InMemoryColumn.Create(TargetColumn, BooleanDataViewType.Instance, (int row, ref bool value) => value = isLabeled[row]),
            InMemoryColumn.Create(WeightColumn, NumberDataViewType.Single, (int row, ref float value) => value = isLabeled[row] ? labeledWeight : unlabeledWeight),
        };
        var pipeline = Pipeline(context, features);

        var fold = AssignFolds(isLabeled, folds, random);
        var aucPerFold = new double[folds];
        for (int f = 0; f < folds; f++)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var train = Enumerable.Range(0, fold.Length).Where(r => fold[r] != f).ToArray();
            var test = Enumerable.Range(0, fold.Length).Where(r => fold[r] == f).ToArray();
            var scores = pipeline.Fit(new InMemoryDataView(columns, train)).Transform(new InMemoryDataView(columns, test)).GetColumn<float>("Score").ToArray();
            aucPerFold[f] = Auc(scores, test.Select(r => isLabeled[r]).ToArray());
            channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Distribution shift check: fold {f + 1} of {folds}, AUC {aucPerFold[f]:F4}, in {watch.Elapsed.TotalSeconds:0.00} s."));
        }

        options.CancellationToken.ThrowIfCancellationRequested();
        var finalWatch = System.Diagnostics.Stopwatch.StartNew();
        var model = LinearModel(pipeline.Fit(new InMemoryDataView(columns, Enumerable.Range(0, isLabeled.Length).ToArray())));
        channel.Info(MessageSensitivity.None, FormattableString.Invariant($"Distribution shift check: fitted on every row to name the separating features in {finalWatch.Elapsed.TotalSeconds:0.00} s."));
        return new DistributionShiftReport(aucPerFold.Average(), aucPerFold, options.AucThreshold, TopFeatures(model, features, options.NumberOfTopFeatures), labeled, unlabeled);
    }

    /// <summary>
    /// Standardization, then L-BFGS logistic regression. High-dimensional features (featurized text) are not
    /// standardized (scaling rare slots up to unit variance would let them dominate) and the L-BFGS iterations are
    /// capped: with more slots than rows the two sets are separable and the unbounded optimizer would chase ever
    /// larger weights for minutes. Both trainers read sparse vectors as they are.
    /// </summary>
    private static IEstimator<ITransformer> Pipeline(MLContext context, InMemoryColumn features)
    {
        if (((VectorDataViewType)features.Type).Size <= SparseLabeledRows.DimensionThreshold)
        {
            return context.Transforms.NormalizeMeanVariance(features.Name)
                .Append(context.BinaryClassification.Trainers.LbfgsLogisticRegression(TargetColumn, features.Name, WeightColumn));
        }
        return context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = TargetColumn,
            FeatureColumnName = features.Name,
            ExampleWeightColumnName = WeightColumn,
            MaximumNumberOfIterations = HighDimensionalIterations,
        });
    }

    private static LinearBinaryModelParameters LinearModel(ITransformer fitted) => fitted switch
    {
        TransformerChain<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>> chain => chain.LastTransformer.Model.SubModel,
        BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> alone => alone.Model.SubModel,
        _ => throw new InvalidOperationException($"Unexpected shift model {fitted.GetType().Name}."),
    };

    /// <summary>The area under the ROC curve of <paramref name="scores"/> for <paramref name="positive"/> (Mann-Whitney, ties counted half).</summary>
    public static double Auc(float[] scores, bool[] positive)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
                j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
            {
                if (positive[order[k]])
                    rankSum += rank;
            }
            i = j + 1;
        }
        long positives = positive.Count(p => p);
        long negatives = positive.Length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    /// <summary>Stratified folds: labeled and unlabeled rows are each dealt round-robin in a random order.</summary>
    private static int[] AssignFolds(bool[] isLabeled, int folds, Random random)
    {
        var fold = new int[isLabeled.Length];
        foreach (var group in new[] { true, false })
        {
            var rows = Enumerable.Range(0, isLabeled.Length).Where(r => isLabeled[r] == group).ToArray();
            random.Shuffle(rows);
            for (int i = 0; i < rows.Length; i++)
                fold[rows[i]] = i % folds;
        }
        return fold;
    }

    private static FeatureShift[] TopFeatures(LinearBinaryModelParameters model, InMemoryColumn features, int count)
    {
        var weights = model.Weights.ToArray();
        var names = SlotNames(features);
        return Enumerable.Range(0, weights.Length)
            .OrderByDescending(i => Math.Abs(weights[i])).ThenBy(i => i)
            .Take(count)
            .Select(i => new FeatureShift(names?[i] is { Length: > 0 } name ? name : $"{features.Name}[{i}]", i, weights[i]))
            .ToArray();
    }

    private static string[]? SlotNames(InMemoryColumn features)
    {
        if (features.Annotations is not { } annotations || annotations.Schema.GetColumnOrNull("SlotNames") is null)
            return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        annotations.GetValue("SlotNames", ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}

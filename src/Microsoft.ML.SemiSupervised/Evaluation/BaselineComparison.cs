using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>
/// Compares a semi-supervised estimator with its supervised baseline on the user's own data: k-fold
/// cross-validation over the labeled rows (unlabeled rows join every training fold of the semi-supervised
/// estimator, never a test fold), and a learning curve over labeled fractions.
/// </summary>
internal static class BaselineComparison
{
    /// <summary>Cross-validates both estimators and compares them fold by fold.</summary>
    public static SemiSupervisedEvaluation CrossValidate(MLContext context, IDataView data, IEstimator<ITransformer> semiSupervised, IEstimator<ITransformer> supervised,
        SemiSupervisedEvaluationOptions options, Random random, IChannel channel)
    {
        var labels = ReadLabels(data, options.LabelColumnName);
        var classes = labels.Classes;
        int smallestClass = labels.CountPerClass().Where(n => n > 0).Min();
        int folds = Math.Min(options.NumberOfFolds, smallestClass);
        if (folds < 2)
            throw new ArgumentException($"Label column '{options.LabelColumnName}' has a class with a single labeled row: cross-validation needs at least 2 labeled rows of every class.");
        var fold = AssignFolds(classes, labels.Catalog.Count, folds, random);

        var comparisons = new List<FoldComparison>();
        for (int f = 0; f < folds; f++)
        {
            var semiTrain = fold.Select(x => x != f).ToArray();
            var supervisedTrain = fold.Select(x => x >= 0 && x != f).ToArray();
            var test = fold.Select(x => x == f).ToArray();
            var testClasses = classes.Where((_, r) => test[r]).ToArray();
            var semiModel = semiSupervised.Fit(new RowSelectionDataView(data, semiTrain));
            var supervisedModel = supervised.Fit(new RowSelectionDataView(data, supervisedTrain));
            var testView = new RowSelectionDataView(data, test);
            var comparison = new FoldComparison(f, supervisedTrain.Count(t => t), testClasses.Length,
                ModelMetrics.Measure(context, semiModel, testView, testClasses, labels.Catalog),
                ModelMetrics.Measure(context, supervisedModel, testView, testClasses, labels.Catalog));
            comparisons.Add(comparison);
            channel.Info(MessageSensitivity.None, FormattableString.Invariant(
                $"fold {f}: semi-supervised {comparison.SemiSupervisedAccuracy:F4}, supervised {comparison.SupervisedAccuracy:F4} on {comparison.TestCount} rows"));
        }

        var (lower, upper) = ConfidenceInterval(comparisons.Select(c => c.Difference).ToArray());
        var evaluation = new SemiSupervisedEvaluation(comparisons, lower, upper);
        channel.Info(MessageSensitivity.None, evaluation.ToString());
        return evaluation;
    }

    /// <summary>Trains both estimators with growing fractions of the labels and tests them on the same held-out labeled rows.</summary>
    public static IReadOnlyList<LearningCurvePoint> LearningCurve(MLContext context, IDataView data, IEstimator<ITransformer> semiSupervised, IEstimator<ITransformer> supervised,
        IReadOnlyList<double> labeledFractions, double testFraction, SemiSupervisedEvaluationOptions options, Random random, IChannel channel)
    {
        var labels = ReadLabels(data, options.LabelColumnName);
        var classes = labels.Classes;
        var isTest = new bool[classes.Length];
        foreach (var r in StratifiedSplit.Sample(classes, labels.Catalog.Count, testFraction, random))
            isTest[r] = true;
        if (!isTest.Any(t => t))
            throw new ArgumentException($"Label column '{options.LabelColumnName}' has too few labeled rows to hold out {testFraction:P0} of them for testing.");
        var testClasses = classes.Where((_, r) => isTest[r]).ToArray();
        var testView = new RowSelectionDataView(data, isTest);

        // One random order per class: the rows kept at a fraction are the first ones, so the labeled sets grow nested.
        var order = Enumerable.Range(0, labels.Catalog.Count)
            .Select(c => Shuffled(Enumerable.Range(0, classes.Length).Where(r => classes[r] == c && !isTest[r]).ToArray(), random))
            .ToArray();
        var points = new List<LearningCurvePoint>();
        foreach (var fraction in labeledFractions.OrderBy(f => f))
        {
            var keep = new bool[classes.Length];
            foreach (var rows in order.Where(o => o.Length > 0))
            {
                foreach (var r in rows.Take(Math.Max(1, (int)Math.Round(fraction * rows.Length))))
                    keep[r] = true;
            }
            var hidden = classes.Select((c, r) => c >= 0 && !isTest[r] && !keep[r]).ToArray();
            var semiModel = semiSupervised.Fit(new RowSelectionDataView(data, isTest.Select(t => !t).ToArray(), options.LabelColumnName, hidden));
            var supervisedModel = supervised.Fit(new RowSelectionDataView(data, keep));
            var point = new LearningCurvePoint(fraction, keep.Count(k => k),
                ModelMetrics.Measure(context, semiModel, testView, testClasses, labels.Catalog).Accuracy,
                ModelMetrics.Measure(context, supervisedModel, testView, testClasses, labels.Catalog).Accuracy);
            points.Add(point);
            channel.Info(MessageSensitivity.None, point.ToString());
        }
        return points;
    }

    /// <summary>
    /// The 95 % confidence interval of the mean of k cross-validation differences, with Nadeau and Bengio's
    /// correction for overlapping training sets: variance times (1/k + 1/(k-1)).
    /// </summary>
    public static (double Lower, double Upper) ConfidenceInterval(double[] differences)
    {
        int k = differences.Length;
        double mean = differences.Average();
        double variance = differences.Sum(d => (d - mean) * (d - mean)) / (k - 1);
        double halfWidth = StudentT975(k - 1) * Math.Sqrt(variance * (1.0 / k + 1.0 / (k - 1)));
        return (mean - halfWidth, mean + halfWidth);
    }

    /// <summary>The 97.5 % quantile of Student's t distribution (exact to three decimals up to 10 degrees of freedom).</summary>
    public static double StudentT975(int degreesOfFreedom) => degreesOfFreedom switch
    {
        1 => 12.706,
        2 => 4.303,
        3 => 3.182,
        4 => 2.776,
        5 => 2.571,
        6 => 2.447,
        7 => 2.365,
        8 => 2.306,
        9 => 2.262,
        10 => 2.228,
        _ => 1.96 + 2.4 / degreesOfFreedom,
    };

    private static LabelSet ReadLabels(IDataView data, string labelColumnName)
    {
        LabelColumnReader.CheckColumn(data.Schema, labelColumnName);
        using var cursor = data.GetRowCursor(new[] { data.Schema[labelColumnName] });
        var reader = LabelColumnReader.Create(cursor, labelColumnName);
        while (cursor.MoveNext())
            reader.ReadCurrentRow();
        var labels = reader.Finish(LabelTask.Multiclass);
        labels.EnsureTrainable(labelColumnName);
        return labels;
    }

    /// <summary>Stratified folds over labeled rows (-1 for unlabeled rows, which are in no test fold).</summary>
    private static int[] AssignFolds(int[] classes, int classCount, int folds, Random random)
    {
        var fold = Enumerable.Repeat(-1, classes.Length).ToArray();
        int next = 0;
        for (int c = 0; c < classCount; c++)
        {
            foreach (var r in Shuffled(Enumerable.Range(0, classes.Length).Where(r => classes[r] == c).ToArray(), random))
                fold[r] = next++ % folds;
        }
        return fold;
    }

    private static int[] Shuffled(int[] rows, Random random)
    {
        random.Shuffle(rows);
        return rows;
    }
}

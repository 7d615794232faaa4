using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.InnerTrainers;
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
    private const string EvaluateCaller = nameof(SemiSupervisedCatalog.CompareWithSupervised);
    private const string LearningCurveCaller = nameof(SemiSupervisedCatalog.CompareLearningCurves);

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
            options.CancellationToken.ThrowIfCancellationRequested();
            var semiTrain = new RowSelectionDataView(data, fold.Select(x => x != f).ToArray());
            var supervisedTrain = new RowSelectionDataView(data, fold.Select(x => x >= 0 && x != f).ToArray());
            var test = new RowSelectionDataView(data, fold.Select(x => x == f).ToArray());
            var testClasses = classes.Where((_, r) => fold[r] == f).ToArray();
            string step = FormattableString.Invariant($"fold {f}");
            channel.Info(MessageSensitivity.None, FormattableString.Invariant(
                $"fold {f} of {folds}: fitting both estimators ({testClasses.Length} labeled rows held out for testing)..."));
            var semiModel = InUserRows(semiTrain, EvaluateCaller, step, "fitting the semi-supervised estimator", () => semiSupervised.Fit(semiTrain));
            var supervisedModel = InUserRows(supervisedTrain, EvaluateCaller, step, "fitting the supervised estimator",
                () => FitSupervised(supervised, supervisedTrain, classes, fold.Select(x => x >= 0 && x != f).ToArray(), options.LabelColumnName));
            var comparison = new FoldComparison(f, (int)supervisedTrain.GetRowCount()!.Value, testClasses.Length,
                InUserRows(test, EvaluateCaller, step, "scoring the test rows with the semi-supervised model", () => ModelMetrics.Measure(context, semiModel, test, testClasses, labels.Catalog)),
                InUserRows(test, EvaluateCaller, step, "scoring the test rows with the supervised model", () => ModelMetrics.Measure(context, supervisedModel, test, testClasses, labels.Catalog)));
            comparisons.Add(comparison);
            channel.Info(MessageSensitivity.None, FormattableString.Invariant(
                $"fold {f}: semi-supervised {comparison.SemiSupervisedAccuracy:F4}, supervised {comparison.SupervisedAccuracy:F4} on {comparison.TestCount} rows"));
        }

        var minimumVariance = MinimumVariance(comparisons.Sum(c => c.SemiSupervisedOnlyCorrectCount), comparisons.Sum(c => c.SupervisedOnlyCorrectCount),
            comparisons.Sum(c => c.TestCount), folds);
        var (lower, upper) = ConfidenceInterval(comparisons.Select(c => c.Difference).ToArray(), minimumVariance);
        var evaluation = new SemiSupervisedEvaluation(comparisons, lower, upper, options.MinimumTestRowsPerFold);
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
        var isTraining = isTest.Select(t => !t).ToArray();

        // One random order per class: the rows kept at a fraction are the first ones, so the labeled sets grow nested.
        var order = Enumerable.Range(0, labels.Catalog.Count)
            .Select(c => Shuffled(Enumerable.Range(0, classes.Length).Where(r => classes[r] == c && !isTest[r]).ToArray(), random))
            .ToArray();
        // The points carry accuracy only: ML.NET's evaluator is not asked, since the held-out rows of a binary label may
        // all be of one class (a class of fewer than 1 / testFraction labels has none held out), where its AUC throws.
        var points = new List<LearningCurvePoint>();
        foreach (var fraction in labeledFractions.OrderBy(f => f))
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var keep = new bool[classes.Length];
            foreach (var rows in order.Where(o => o.Length > 0))
            {
                foreach (var r in rows.Take(Math.Max(1, (int)Math.Round(fraction * rows.Length))))
                    keep[r] = true;
            }
            var hidden = classes.Select((c, r) => c >= 0 && !isTest[r] && !keep[r]).ToArray();
            var semiTrain = new RowSelectionDataView(data, isTraining, options.LabelColumnName, hidden);
            var supervisedTrain = new RowSelectionDataView(data, keep);
            string step = FormattableString.Invariant($"{fraction:P0} labeled");
            var semiModel = InUserRows(semiTrain, LearningCurveCaller, step, "fitting the semi-supervised estimator", () => semiSupervised.Fit(semiTrain));
            var supervisedModel = InUserRows(supervisedTrain, LearningCurveCaller, step, "fitting the supervised estimator",
                () => FitSupervised(supervised, supervisedTrain, classes, keep, options.LabelColumnName));
            var point = new LearningCurvePoint(fraction, keep.Count(k => k),
                InUserRows(testView, LearningCurveCaller, step, "scoring the test rows with the semi-supervised model", () => ModelMetrics.Measure(context, semiModel, testView, testClasses, labels.Catalog, evaluatorMetrics: false)).Accuracy,
                InUserRows(testView, LearningCurveCaller, step, "scoring the test rows with the supervised model", () => ModelMetrics.Measure(context, supervisedModel, testView, testClasses, labels.Catalog, evaluatorMetrics: false)).Accuracy);
            points.Add(point);
            channel.Info(MessageSensitivity.None, point.ToString());
        }
        return points;
    }

    /// <summary>
    /// The 95 % confidence interval of the mean of k cross-validation differences, with Nadeau and Bengio's
    /// correction for overlapping training sets: variance times (1/k + 1/(k-1)). The variance is at least
    /// <paramref name="minimumVariance"/>, and the interval is clipped to [-1, 1], the range of a difference of accuracies.
    /// </summary>
    public static (double Lower, double Upper) ConfidenceInterval(double[] differences, double minimumVariance)
    {
        int k = differences.Length;
        double mean = differences.Average();
        double halfWidth = StudentT975(k - 1) * CorrectedStandardError(differences, k, minimumVariance);
        return (Math.Max(-1, mean - halfWidth), Math.Min(1, mean + halfWidth));
    }

    /// <summary>
    /// The standard error of the mean of cross-validation differences over one or more repeats of k folds, corrected
    /// for overlapping training sets (Nadeau and Bengio; Bouckaert and Frank for repeats): the sqrt of the variance
    /// (at least <paramref name="minimumVariance"/>) times (1/n + 1/(k-1)), n differences in all.
    /// </summary>
    public static double CorrectedStandardError(double[] differences, int foldsPerRepeat, double minimumVariance)
    {
        int n = differences.Length;
        double mean = differences.Average();
        double variance = Math.Max(differences.Sum(d => (d - mean) * (d - mean)) / (n - 1), minimumVariance);
        return Math.Sqrt(variance * (1.0 / n + 1.0 / (foldsPerRepeat - 1)));
    }

    /// <summary>
    /// The least variance of one fold's difference: its binomial variance on a fold's share of the test rows. A fold's
    /// difference is (b - c) / n over n test rows, b of them right only by the semi-supervised model and c only by the
    /// baseline: with the share of disagreeing rows q = (b + c + 1) / (N + 2) and the share of those the semi-supervised
    /// model wins p = (b + 1) / (b + c + 2), both pooled over the N test rows of every fold and smoothed (Laplace) so
    /// that neither is 0 or 1, its variance is q * 4p(1 - p) / n with n = N / k. Folds whose differences all happen to
    /// be equal (small folds on which both models agree) thus keep the uncertainty their size implies.
    /// </summary>
    public static double MinimumVariance(int semiSupervisedOnlyCorrect, int supervisedOnlyCorrect, int testRows, int folds)
    {
        int disagreeing = semiSupervisedOnlyCorrect + supervisedOnlyCorrect;
        double disagreement = (disagreeing + 1.0) / (testRows + 2.0);
        double semiWins = (semiSupervisedOnlyCorrect + 1.0) / (disagreeing + 2.0);
        return disagreement * 4 * semiWins * (1 - semiWins) / ((double)testRows / folds);
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

    /// <summary>
    /// Runs <paramref name="action"/> on rows of <paramref name="view"/>; an error about one of its rows is rethrown
    /// naming that row in the data given to <paramref name="caller"/>, with the step that met it.
    /// </summary>
    private static T InUserRows<T>(RowSelectionDataView view, string caller, string step, string doing, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException e) when (RowErrors.RowOf(e) is { } row && row >= 0 && row < view.GetRowCount())
        {
            throw RowErrors.InCallerRow(e, view.SourceRow(row), $"({caller}, {step}, {doing}; the row is counted in the data given to {caller}, from 0.)");
        }
    }

    /// <summary>
    /// Fits the supervised estimator on its training rows (<paramref name="selected"/> of <paramref name="classes"/>); a
    /// failure that names no row of the data and no column of its schema is rethrown by <see cref="InnerTrainerFailure"/>, naming the estimator, the
    /// rows, the classes and the fix.
    /// </summary>
    private static ITransformer FitSupervised(IEstimator<ITransformer> supervised, RowSelectionDataView train, int[] classes, bool[] selected, string labelColumnName)
    {
        try
        {
            return supervised.Fit(train);
        }
        catch (Exception e) when (InnerTrainerFailure.IsTrainerFailure(e) && !(e is ArgumentException a && RowErrors.RowOf(a) is not null))
        {
            var rows = Enumerable.Range(0, classes.Length).Where(r => selected[r]).ToArray();
            throw InnerTrainerFailure.Describe("The supervised estimator " + InnerTrainerFailure.TrainerName(supervised), rows.Length,
                rows.Select(r => classes[r]).Where(c => c >= 0).Distinct().Count(), labelColumnName, e);
        }
    }

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
    public static int[] AssignFolds(int[] classes, int classCount, int folds, Random random)
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

using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.SemiSupervised.Data;

namespace Microsoft.ML.SemiSupervised.Confidence;

/// <summary>
/// Confidences of a binary classifier: its Probability column when it has one; otherwise (a raw margin
/// only, as AveragedPerceptron or LinearSvm give) the Score calibrated with ML.NET's Platt calibrator, or the
/// calibrator the caller chose.
/// </summary>
/// <remarks>
/// The calibrator is fitted on out-of-fold scores: the trainer is fitted on two thirds of the labeled
/// rows and scores the other third, three times. Scores of the rows a margin model was fitted on are
/// overconfident (a perceptron separates its own training rows), which would make every unlabeled row
/// look certain; out-of-fold scores show the model's real error rate.
/// </remarks>
internal sealed class BinaryClassifierScorer : ClassifierScorer
{
    private const string ScoreColumn = "Score";
    private const string ProbabilityColumn = "Probability";
    private const int CalibrationFolds = 3;
    private readonly MLContext _context;
    private readonly string _labelColumnName;
    private readonly IEstimator<ISingleFeaturePredictionTransformer<ICalibrator>>? _calibrator;

    /// <param name="context">The context the default calibrator comes from.</param>
    /// <param name="labelColumnName">The label column the calibrator reads.</param>
    /// <param name="calibrator">The calibrator for scores without probabilities (reading <paramref name="labelColumnName"/> and Score), or null for Platt.</param>
    public BinaryClassifierScorer(MLContext context, string labelColumnName, IEstimator<ISingleFeaturePredictionTransformer<ICalibrator>>? calibrator = null)
    {
        _context = context;
        _labelColumnName = labelColumnName;
        _calibrator = calibrator;
    }

    public override Labels.LabelTask Task => Labels.LabelTask.Binary;

    public override ClassPrediction[] Predict(ITransformer model, int[] rows, IRowStore store)
    {
        ITransformer scorer = model;
        if (model.GetOutputSchema(store.FeatureView(Array.Empty<int>()).Schema).GetColumnOrNull(ProbabilityColumn) is null)
        {
            scorer = model.Append(FitCalibrator(store));
            Calibrated = true;
        }

        var probabilities = ScoreInParallel(scorer, rows, store, scored => scored.GetColumn<float>(ProbabilityColumn));
        var predictions = new ClassPrediction[probabilities.Length];
        for (int i = 0; i < probabilities.Length; i++)
        {
            float p = probabilities[i];
            predictions[i] = p >= 0.5f ? new ClassPrediction(1, p) : new ClassPrediction(0, 1 - p);
        }
        return predictions;
    }

    /// <summary>
    /// The calibrator that gives <paramref name="model"/> a Probability column, fitted like the one <see cref="Predict"/>
    /// uses (out-of-fold on <paramref name="store"/>'s training rows), or null when the model has its own Probability.
    /// </summary>
    public ITransformer? CalibratorFor(ITransformer model, IRowStore store) =>
        model.GetOutputSchema(store.FeatureView(Array.Empty<int>()).Schema).GetColumnOrNull(ProbabilityColumn) is null
            ? FitCalibrator(store)
            : null;

    private ITransformer FitCalibrator(IRowStore calibration)
    {
        var rows = calibration.TrainingRows;
        var classes = rows.Select(calibration.ClassOf).ToArray();
        var scores = new List<float>();
        var labels = new List<bool>();
        foreach (var (fit, held) in Folds(rows, classes))
        {
            var foldModel = calibration.Fit(fit);
            scores.AddRange(foldModel.Transform(calibration.FeatureView(held)).GetColumn<float>(ScoreColumn));
            labels.AddRange(held.Select(r => calibration.ClassOf(r) == 1));
        }
        var scoreArray = scores.ToArray();
        var labelArray = labels.ToArray();
        var outOfFold = new InMemoryDataView(
            new[]
            {
                InMemoryColumn.Create(ScoreColumn, NumberDataViewType.Single, (int r, ref float v) => v = scoreArray[r]),
                InMemoryColumn.Create(_labelColumnName, BooleanDataViewType.Instance, (int r, ref bool v) => v = labelArray[r]),
            },
            Enumerable.Range(0, scoreArray.Length).ToArray());
        return (_calibrator ?? _context.BinaryClassification.Calibrators.Platt(_labelColumnName, ScoreColumn)).Fit(outOfFold);
    }

    /// <summary>Stratified folds: every fold keeps rows of both classes to fit on whenever the data allows.</summary>
    private static IEnumerable<(int[] Fit, int[] Held)> Folds(int[] rows, int[] classes)
    {
        var fold = new int[rows.Length];
        var seen = new int[2];
        for (int i = 0; i < rows.Length; i++)
            fold[i] = seen[classes[i]]++ % CalibrationFolds;
        for (int f = 0; f < CalibrationFolds; f++)
        {
            var held = rows.Where((_, i) => fold[i] == f).ToArray();
            var fit = rows.Where((_, i) => fold[i] != f).ToArray();
            var fitClasses = classes.Where((_, i) => fold[i] != f).Distinct().Count();
            if (held.Length > 0 && fitClasses == 2)
                yield return (fit, held);
        }
    }
}

using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>
/// Self-training around any ML.NET binary or multiclass trainer: learns from the labeled rows, gives the
/// unlabeled rows it is most confident about their predicted class, and learns again.
/// </summary>
/// <typeparam name="TTransformer">The inner trainer's prediction transformer type, which <see cref="Fit"/> returns.</typeparam>
/// <typeparam name="TModel">The inner trainer's model parameters type.</typeparam>
/// <remarks>
/// <para><b>Trainer characteristics</b></para>
/// <list type="table">
/// <item><term>Machine learning task</term><description>Binary or multiclass classification, as the inner trainer.</description></item>
/// <item><term>Is normalization required?</term><description>As the inner trainer.</description></item>
/// <item><term>Is caching required?</term><description>No: the rows are read once and held in memory.</description></item>
/// <item><term>Output columns</term><description>The inner trainer's (Score, PredictedLabel, and Probability for a calibrated binary trainer).</description></item>
/// </list>
/// <para><b>Algorithm</b></para>
/// <para>
/// Rows whose label is missing (NaN in a Single or Double label, the missing key in a key label) are
/// unlabeled. The label must be one ML.NET's evaluators read as the model does: a key, a Boolean or 0/1 label
/// (binary), or a Single or Double label with classes 0..K-1 (multiclass); others, text among them, are refused
/// at Fit with the fix (MapValueToKey). Each iteration fits the inner trainer on the labeled rows (only those:
/// the inner trainer never sees a missing label), predicts the unlabeled rows, and gives the rows chosen by
/// <see cref="SelfTrainingOptions.Selection"/> a pseudo-label (their predicted class). It stops when an iteration adds
/// nothing, every row is labeled, or after <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/>
/// iterations; a last fit on all labeled rows gives the model (Yarowsky 1995; scikit-learn's
/// <c>SelfTrainingClassifier</c>).
/// </para>
/// <para>
/// Confidence is the probability of the predicted class: the Probability column of a calibrated binary
/// trainer, or, for a binary trainer with a raw score only (AveragedPerceptron, LinearSvm), its score
/// calibrated by Platt scaling on the labeled rows; for multiclass, the largest entry of the Score vector,
/// which must be a probability distribution.
/// </para>
/// <para>
/// The model is the inner trainer's own transformer: it saves and loads like any model of that trainer,
/// in programs that do not reference this library. So the report of what each iteration did cannot travel
/// with it: <see cref="FitWithReport"/> returns the model together with its report, each fit is logged to
/// <c>mlContext.Log</c>, and <see cref="SelfTrainingOptions.IterationCompleted"/> sees every iteration of
/// every fit, also inside a pipeline, and <see cref="SelfTrainingOptions.FitCompleted"/> receives each fit's report.
/// The estimator keeps nothing from a fit, so one estimator can be fitted on several threads at once.
/// </para>
/// <para>
/// The estimator is an ML.NET trainer (<see cref="ITrainerEstimator{TTransformer, TModel}"/>, with the inner
/// trainer's <see cref="Info"/>), so it goes where ML.NET takes one. One composition is refused: self-training as
/// the binary trainer inside a multiclass meta-trainer such as <c>OneVersusAll</c>. ML.NET's meta-trainers give
/// their binary trainer a Boolean label in which a missing label has become false, so the unlabeled rows would be
/// learned as negatives; self-training throws when it sees such a label. Put the meta-trainer inside self-training
/// instead: <c>mlContext.SemiSupervised.SelfTraining(mlContext.MulticlassClassification.Trainers.OneVersusAll(binaryTrainer))</c>.
/// </para>
/// </remarks>
public sealed class SelfTrainingEstimator<TTransformer, TModel> : ITrainerEstimator<TTransformer, TModel>
    where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
    where TModel : class
{
    private const string ComponentName = "SelfTraining";
    private const string ComponentNameInMessages = "self-training";
    private readonly MLContext _context;
    private readonly TrainerSource<TTransformer> _trainers;
    private readonly LabelTask _task;
    private readonly SelfTrainingOptions _options;

    internal SelfTrainingEstimator(MLContext context, TrainerSource<TTransformer> trainers, LabelTask task, SelfTrainingOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _trainers = trainers;
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        trainers.Columns?.CheckMatches(options.LabelColumnName, options.FeatureColumnName, options.ExampleWeightColumnName, "self-training");
        if (task == LabelTask.Multiclass && options.Calibrator is not null)
            throw new ArgumentException($"Invalid self-training options: Calibrator must be null with a multiclass inner trainer, whose Score is its confidence; got {options.Calibrator.GetType().Name}.");
        _task = task;
        _options = options.Clone();
    }

    /// <summary>
    /// The inner trainer's <see cref="TrainerInfo"/>: self-training needs normalization when its inner trainer does.
    /// </summary>
    public TrainerInfo Info => _trainers.Info;

    /// <summary>Trains the model on <paramref name="input"/>, whose label column marks unlabeled rows by a missing label.</summary>
    /// <param name="input">The training data: labeled and unlabeled rows.</param>
    /// <returns>The inner trainer's transformer, fitted on the labeled and pseudo-labeled rows.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, or the labels cannot train a classifier.</exception>
    public TTransformer Fit(IDataView input) => FitWithReport(input).Model;

    /// <summary>Trains the model like <see cref="Fit"/> and returns it with the report of every iteration.</summary>
    /// <param name="input">The training data: labeled and unlabeled rows.</param>
    /// <returns>The model and the training report.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, or the labels cannot train a classifier.</exception>
    public SelfTrainingResult<TTransformer> FitWithReport(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.CancellationToken.ThrowIfCancellationRequested();
        var host = ((IHostEnvironment)_context).Register(ComponentName);
        using var channel = host.Start(nameof(Fit));
        _trainers.WarnIfReusingStatefulInstance(channel, ComponentNameInMessages, "SelfTraining(() => mlContext....Sdca...(), ...)");
        EvaluatorLabelRule.CheckType(input.Schema, _options.LabelColumnName, _task, ComponentNameInMessages);
        MetaTrainerLabelCheck.ThrowIfUnlabeledRowsWereMadeNegative(input, _options.LabelColumnName);
        var table = LabeledTable.Load(input, _options.FeatureColumnName, _options.LabelColumnName, _options.ExampleWeightColumnName, _task);
        table.Labels.EnsureTrainable(_options.LabelColumnName);
        EvaluatorLabelRule.CheckClasses(table.Labels, _options.LabelColumnName, _task, ComponentNameInMessages);
        var random = _options.Seed is { } seed ? new Random(seed) : new Random(host.Rand.Next());
        var scorer = ClassifierScorer.For(_task, _context, _options.LabelColumnName, _options.Calibrator);
        var labelAnnotations = input.Schema[_options.LabelColumnName].Annotations;
        var shift = _options.CheckDistributionShift
            ? DistributionShiftCheck.Run(_context, table.Features, table.Labels.Classes, new DistributionShiftOptions { CancellationToken = _options.CancellationToken }, new Random(_options.Seed ?? host.Rand.Next()))
            : null;
        if (shift is not null)
            SemiSupervisedCatalog.Log(channel, shift);
        var result = new SelfTrainingLoop<TTransformer>(_trainers, _options, scorer, table, labelAnnotations).Run(channel, random, shift);
        _options.FitCompleted?.Invoke(result.Report);
        return result;
    }

    /// <summary>
    /// The schema of the model's output: the input columns and the inner trainer's output columns.
    /// </summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The shape of the scored data.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        TrainerOutputSchema.Predict(_context, _trainers.Sample, inputSchema, _task, _options.LabelColumnName, _options.FeatureColumnName, _options.ExampleWeightColumnName, ComponentNameInMessages);
}

using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.Ensembles;

/// <summary>
/// One co-training or tri-training fit, as the steps both techniques share, in the order they run: start (cancellation,
/// the logging channel, the random source, the label column's type), load a feature column's rows, check the labels,
/// check the distribution shift, then (after the technique's own loop) calibrate the members, build the model chain
/// and log the report. Each fit has its own instance: an estimator keeps no state of its fits.
/// </summary>
internal sealed class EnsembleFit : IDisposable
{
    private readonly MLContext _context;
    private readonly IHost _host;
    private readonly IDataView _input;
    private readonly SemiSupervisedOptionsBase _options;
    private readonly LabelTask _task;
    private readonly string _nameInMessages;

    /// <summary>Starts a fit: checks cancellation and the label column's type, opens the channel, draws the random source.</summary>
    /// <param name="context">The context.</param>
    /// <param name="componentName">The name the fit logs under ("CoTraining").</param>
    /// <param name="nameInMessages">The technique's name in messages ("co-training").</param>
    /// <param name="input">The training data.</param>
    /// <param name="options">The technique's options.</param>
    /// <param name="task">Binary or multiclass.</param>
    /// <param name="trainers">The inner trainers.</param>
    /// <param name="factoryCall">The catalog call that creates a fresh trainer per fit, for the reused-SDCA warning.</param>
    public EnsembleFit(MLContext context, string componentName, string nameInMessages, IDataView input, SemiSupervisedOptionsBase options,
        LabelTask task, IEnumerable<TrainerSource<ITransformer>> trainers, string factoryCall)
    {
        ArgumentNullException.ThrowIfNull(input);
        options.CancellationToken.ThrowIfCancellationRequested();
        _context = context;
        _input = input;
        _options = options;
        _task = task;
        _nameInMessages = nameInMessages;
        _host = ((IHostEnvironment)context).Register(componentName);
        Channel = _host.Start("Fit");
        trainers.FirstOrDefault(t => t.ReusesStatefulInstance)?.WarnIfReusingStatefulInstance(Channel, nameInMessages, factoryCall);
        Random = options.Seed is { } seed ? new Random(seed) : new Random(_host.Rand.Next());
        try
        {
            EvaluatorLabelRule.CheckType(input.Schema, options.LabelColumnName, task, nameInMessages);
        }
        catch
        {
            Channel.Dispose();
            throw;
        }
    }

    /// <summary>The fit's logging channel.</summary>
    public IChannel Channel { get; }

    /// <summary>The fit's random source: the options' seed, or drawn from the context.</summary>
    public Random Random { get; }

    /// <summary>The rows of <paramref name="featureColumnName"/> with the labels.</summary>
    public LabeledTable Load(string featureColumnName) => LabeledTable.Load(_input, featureColumnName, _options.LabelColumnName, null, _task);

    /// <summary>
    /// Checks that <paramref name="labels"/> can train the members and combine them: trainable, at most
    /// <see cref="EnsembleRows.MaximumClassCount"/> classes, the technique's own check, classes the evaluators read alike.
    /// </summary>
    public void CheckLabels(LabelSet labels, Action<LabelSet>? techniqueCheck = null)
    {
        var label = _options.LabelColumnName;
        labels.EnsureTrainable(label);
        if (labels.Catalog.Count > EnsembleRows.MaximumClassCount)
            throw new ArgumentException(ErrorMessages.TooManyClasses(label, labels.Catalog.Count, EnsembleRows.MaximumClassCount));
        techniqueCheck?.Invoke(labels);
        EvaluatorLabelRule.CheckClasses(labels, label, _task, _nameInMessages);
    }

    /// <summary>
    /// When the options ask for it, the distribution-shift check of each feature column (the most shifted is reported)
    /// and its log; null otherwise.
    /// </summary>
    public DistributionShiftReport? CheckShift(IReadOnlyList<FeatureRows> features, int[] classes)
    {
        if (!_options.CheckDistributionShift)
            return null;
        var random = new Random(_options.Seed ?? _host.Rand.Next());
        var shift = features.Select(f => DistributionShiftCheck.Run(_context, f, classes, new DistributionShiftOptions { CancellationToken = _options.CancellationToken }, random))
            .MaxBy(r => double.IsNaN(r.Auc) ? double.NegativeInfinity : r.Auc)!;
        SemiSupervisedCatalog.Log(Channel, shift);
        return shift;
    }

    /// <summary>
    /// The fitted <paramref name="models"/> as members: a binary model without a probability gets the calibrator its
    /// scorer fits on its rows.
    /// </summary>
    public static EnsembleMember[] Members(IReadOnlyList<ITransformer> models, IReadOnlyList<ClassifierScorer> scorers, IReadOnlyList<IRowStore> rows,
        Func<int, ITransformer, EnsembleMember> member)
    {
        var members = new EnsembleMember[models.Count];
        for (int i = 0; i < members.Length; i++)
        {
            var model = models[i];
            if (scorers[i] is BinaryClassifierScorer binary && binary.CalibratorFor(model, rows[i]) is { } calibrator)
                model = model.Append(calibrator);
            members[i] = member(i, model);
        }
        return members;
    }

    /// <summary>The model chain of <paramref name="members"/> combined by <paramref name="combiner"/>.</summary>
    public ITransformer Build(IReadOnlyList<EnsembleMember> members, IEstimator<ITransformer> combiner, LabelSet labels) =>
        EnsembleModel.Build(_context, _input.Schema, _task, members, combiner,
            TrainingLabelColumn.AnnotationsFor(_task, labels.Catalog, _input.Schema[_options.LabelColumnName].Annotations), labels.Catalog.Count);

    /// <summary>Logs the fit's report.</summary>
    public void Log(object report) => Channel.Info(MessageSensitivity.None, report.ToString());

    /// <summary>
    /// The schema of an ensemble's output: the input columns and the classifier columns of <paramref name="sample"/>'s
    /// kind (PredictedLabel, Score, and Probability for binary, calibrated when the trainer gives none).
    /// </summary>
    public static SchemaShape OutputSchema(MLContext context, IEstimator<ITransformer> sample, SchemaShape inputSchema, LabelTask task,
        SemiSupervisedOptionsBase options, string nameInMessages)
    {
        var shape = TrainerOutputSchema.Predict(context, sample, inputSchema, task, options.LabelColumnName, options.FeatureColumnName, null, nameInMessages);
        if (task == LabelTask.Binary && !shape.Any(c => c.Name == "Probability"))
            shape = context.Transforms.Conversion.ConvertType("Probability", "Score", DataKind.Single).GetOutputSchema(shape);
        return shape;
    }

    /// <inheritdoc />
    public void Dispose() => Channel.Dispose();
}

using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.SemiSupervised.Validation;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>
/// Co-training (Blum and Mitchell 1998): two models, each trained on its own view of the data, label unlabeled rows
/// for each other; the fitted model combines both views' class probabilities.
/// </summary>
/// <remarks>
/// <para><b>Trainer characteristics</b></para>
/// <list type="table">
/// <item><term>Machine learning task</term><description>Binary or multiclass classification, as the inner trainers.</description></item>
/// <item><term>Is normalization required?</term><description>As the inner trainers.</description></item>
/// <item><term>Is caching required?</term><description>No: the rows are read once and held in memory.</description></item>
/// <item><term>Output columns</term><description>PredictedLabel, Score, and Probability for binary: those of an ML.NET classifier of that kind.</description></item>
/// </list>
/// <para><b>Algorithm</b></para>
/// <para>
/// Rows whose label is missing (NaN, the missing key) are unlabeled; a text label, or a multiclass number label whose
/// classes are not 0..K-1, is refused (MapValueToKey first), so that ML.NET's evaluators read the classes as the model does. A pool of
/// <see cref="CoTrainingOptions.PoolSize"/> unlabeled rows is drawn at random. Each round, each view's inner trainer
/// is fitted on the labeled rows (only those) of its view; each model scores the pool and labels the rows it is most
/// confident about (<see cref="CoTrainingOptions.Selection"/>: by default per class, in the labeled class ratio), for both models;
/// the pool is refilled from the unlabeled rows. The rounds stop when the unlabeled rows run out, a round labels
/// nothing, or after <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> rounds; a last fit of each view on all
/// labeled rows gives the two members of the model.
/// </para>
/// <para>
/// Co-training works when each view is sufficient to learn the class and the views are roughly independent given
/// the class: one view's confident rows are then, for the other view, like new random labeled rows. One column can be
/// split into two views (random halves of its slots, or given slots); that is sound when the features are many and
/// redundant, and weak when a few features carry the class or the halves are strongly dependent.
/// </para>
/// <para>
/// The model is a chain of ML.NET transformers (see <see cref="CoTrainingResult.Model"/>): it saves and loads with
/// <c>mlContext.Model</c>, in programs that reference this library.
/// </para>
/// </remarks>
public sealed class CoTrainingEstimator : IEstimator<TransformerChain<ITransformer>>
{
    private const string ComponentName = "CoTraining";
    private const string ComponentNameInMessages = "co-training";
    private readonly MLContext _context;
    private readonly TrainerSource<ITransformer>[] _trainers;
    private readonly LabelTask _task;
    private readonly CoTrainingOptions _options;

    internal CoTrainingEstimator(MLContext context, TrainerSource<ITransformer> firstViewTrainers, TrainerSource<ITransformer> secondViewTrainers, LabelTask task, CoTrainingOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        ArgumentNullException.ThrowIfNull(firstViewTrainers);
        ArgumentNullException.ThrowIfNull(secondViewTrainers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _trainers = [firstViewTrainers, secondViewTrainers];
        for (int v = 0; v < 2; v++)
        {
            if (_trainers[v].Sample is NaiveBayesMulticlassTrainer)
                throw new ArgumentException("NaiveBayes scores are log-likelihoods, not probabilities, so co-training cannot combine the views' scores. Use LbfgsMaximumEntropy, SdcaMaximumEntropy, LightGbm or OneVersusAll.");
            InnerTrainerColumns.TryRead(_trainers[v].Sample)?.CheckMatches(options.LabelColumnName, ViewColumn(options, v), null, "co-training");
        }
        _task = task;
        _options = options.Clone();
    }

    /// <summary>The report of the most recent fit on this estimator, or null before the first; the way to read it inside a pipeline.</summary>
    public CoTrainingReport? LastReport { get; private set; }

    /// <summary>Trains the model on <paramref name="input"/>, whose label column marks unlabeled rows by a missing label.</summary>
    /// <param name="input">The training data: labeled and unlabeled rows.</param>
    /// <returns>The co-training model.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, or the labels cannot train a classifier.</exception>
    public TransformerChain<ITransformer> Fit(IDataView input) => FitWithReport(input).Model;

    /// <summary>Trains the model like <see cref="Fit"/> and returns it with the report of every round.</summary>
    /// <param name="input">The training data: labeled and unlabeled rows.</param>
    /// <returns>The model and the training report.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, or the labels cannot train a classifier.</exception>
    public CoTrainingResult FitWithReport(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.CancellationToken.ThrowIfCancellationRequested();
        var host = ((IHostEnvironment)_context).Register(ComponentName);
        using var channel = host.Start(nameof(Fit));
        _trainers.FirstOrDefault(t => t.ReusesStatefulInstance)?.WarnIfReusingStatefulInstance(channel, ComponentNameInMessages,
            "CoTraining(() => mlContext....Sdca...(), () => mlContext....Sdca...(), ...)");
        var random = _options.Seed is { } seed ? new Random(seed) : new Random(host.Rand.Next());
        var label = _options.LabelColumnName;
        EvaluatorLabelRule.CheckType(input.Schema, label, _task, ComponentNameInMessages);
        var first = LabeledTable.Load(input, _options.FeatureColumnName, label, null, _task);
        var labels = first.Labels;
        CheckLabels(labels);
        EvaluatorLabelRule.CheckClasses(labels, label, _task, ComponentNameInMessages);

        var assigned = (int[])labels.Classes.Clone();
        var labelColumn = TrainingLabelColumn.Create(label, _task, labels.Catalog, assigned, input.Schema[label].Annotations);
        CoTrainingView[] views;
        int[]? firstSlots = null, secondSlots = null;
        LabeledTable? second = null;
        if (_options.SecondViewColumnName is { } secondName)
        {
            second = LabeledTable.Load(input, secondName, label, null, _task);
            views = [View(0, first.Features, labelColumn, assigned, null), View(1, second.Features, labelColumn, assigned, null)];
        }
        else
        {
            (firstSlots, secondSlots) = CoTrainingViewSplit.Slots(_options.FeatureColumnName, first.Features.Dimension, _options.FirstViewSlots, random);
            views = [View(0, first.Features, labelColumn, assigned, firstSlots), View(1, first.Features, labelColumn, assigned, secondSlots)];
            channel.Info(MessageSensitivity.None, $"Split '{_options.FeatureColumnName}' into views of {firstSlots.Length} and {secondSlots.Length} slots.");
        }

        DistributionShiftReport? shift = null;
        if (_options.CheckDistributionShift)
        {
            var shiftRandom = new Random(_options.Seed ?? host.Rand.Next());
            var tables = second is null ? new[] { first } : new[] { first, second };
            shift = tables.Select(t => DistributionShiftCheck.Run(_context, t.Features, labels.Classes, new DistributionShiftOptions { CancellationToken = _options.CancellationToken }, shiftRandom))
                .MaxBy(r => double.IsNaN(r.Auc) ? double.NegativeInfinity : r.Auc);
            SemiSupervisedCatalog.Log(channel, shift!);
        }

        var scorers = views.Select(_ => ClassifierScorer.For(_task, _context, label)).ToArray();
        var (models, stop, rounds, labeledRound) = new CoTrainingLoop(_options, views, scorers, labels.Catalog, assigned).Run(channel, random);
        var members = new EnsembleMember[2];
        for (int v = 0; v < 2; v++)
        {
            var model = models[v];
            if (scorers[v] is BinaryClassifierScorer binary && binary.CalibratorFor(model, views[v]) is { } calibrator)
                model = model.Append(calibrator);
            members[v] = views[v].Member(model);
        }
        var chain = EnsembleModel.Build(_context, input.Schema, _task, members, Combiner(),
            TrainingLabelColumn.AnnotationsFor(_task, labels.Catalog, input.Schema[label].Annotations), labels.Catalog.Count);

        var report = new CoTrainingReport(labels.Catalog.Names, rounds, stop, labeledRound, assigned, firstSlots, secondSlots, scorers.Any(s => s.Calibrated), shift);
        channel.Info(MessageSensitivity.None, report.ToString());
        LastReport = report;
        return new CoTrainingResult(chain, report);
    }

    /// <summary>The schema of the model's output: the input columns and PredictedLabel, Score (and Probability for binary).</summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The shape of the scored data.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (_options.SecondViewColumnName is { } second)
            ShapeColumns.CheckFeature(inputSchema, second, nameof(inputSchema));
        var shape = TrainerOutputSchema.Predict(_context, _trainers[0].Sample, inputSchema, _task, _options.LabelColumnName, _options.FeatureColumnName, null, ComponentNameInMessages);
        if (_task == LabelTask.Binary && !shape.Any(c => c.Name == "Probability"))
            shape = _context.Transforms.Conversion.ConvertType("Probability", "Score", DataKind.Single).GetOutputSchema(shape);
        return shape;
    }

    private static string ViewColumn(CoTrainingOptions options, int view) =>
        view == 1 && options.SecondViewColumnName is { } second ? second : options.FeatureColumnName;

    private CoTrainingView View(int view, FeatureRows features, InMemoryColumn label, int[] assigned, int[]? slots) => slots is null
        ? new CoTrainingView(_trainers[view], ViewColumn(_options, view), features.Rows, features.Dimension, features.Annotations, label, assigned, features.ColumnName, features.Dimension, null, _options.CancellationToken)
        : new CoTrainingView(_trainers[view], features.ColumnName, CoTrainingViewSplit.Select(features.Rows, slots), slots.Length, null, label, assigned, features.ColumnName, features.Dimension, slots, _options.CancellationToken);

    private IEstimator<ITransformer> Combiner()
    {
        var transforms = _context.Transforms;
        return (_task, _options.Combination) switch
        {
            (LabelTask.Binary, CoTrainingCombination.Product) => transforms.CustomMapping<EnsembleRows.BinaryPair, EnsembleRows.BinaryOutput>(CoTrainingCombiners.BinaryProduct, ModelContracts.CoTrainingBinaryProductV1),
            (LabelTask.Binary, _) => transforms.CustomMapping<EnsembleRows.BinaryPair, EnsembleRows.BinaryOutput>(CoTrainingCombiners.BinaryMean, ModelContracts.CoTrainingBinaryMeanV1),
            (_, CoTrainingCombination.Product) => transforms.CustomMapping<EnsembleRows.VectorPair, EnsembleRows.MulticlassOutput>(CoTrainingCombiners.MulticlassProduct, ModelContracts.CoTrainingMulticlassProductV1),
            _ => transforms.CustomMapping<EnsembleRows.VectorPair, EnsembleRows.MulticlassOutput>(CoTrainingCombiners.MulticlassMean, ModelContracts.CoTrainingMulticlassMeanV1),
        };
    }

    private void CheckLabels(LabelSet labels)
    {
        var label = _options.LabelColumnName;
        labels.EnsureTrainable(label);
        if (labels.Catalog.Count > EnsembleRows.MaximumClassCount)
            throw new ArgumentException(ErrorMessages.TooManyClasses(label, labels.Catalog.Count, EnsembleRows.MaximumClassCount));
    }
}

using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Persistence;
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
/// The model (<see cref="CoTrainingTransformer"/>) is a chain of ML.NET transformers with the fit's report: it saves
/// and loads with <c>mlContext.Model</c>, in programs that reference this library, and the loaded model carries the
/// report too (<see cref="SemiSupervisedCatalog.GetReport{TReport}(ITransformer)"/>).
/// </para>
/// </remarks>
public sealed class CoTrainingEstimator : IEstimator<CoTrainingTransformer>
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
            _trainers[v].Columns?.CheckMatches(options.LabelColumnName, ViewColumn(options, v), null, "co-training");
        }
        _task = task;
        _options = options.Clone();
    }

    /// <summary>Trains the model on <paramref name="input"/>, whose label column marks unlabeled rows by a missing label.</summary>
    /// <param name="input">The training data: labeled and unlabeled rows.</param>
    /// <returns>The co-training model, with the report of every round (<see cref="CoTrainingTransformer.Report"/>).</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, or the labels cannot train a classifier.</exception>
    public CoTrainingTransformer Fit(IDataView input)
    {
        using var fit = new EnsembleFit(_context, ComponentName, ComponentNameInMessages, input, _options, _task, _trainers,
            "CoTraining(() => mlContext....Sdca...(), () => mlContext....Sdca...(), ...)");
        var label = _options.LabelColumnName;
        var first = fit.Load(_options.FeatureColumnName);
        var labels = first.Labels;
        fit.CheckLabels(labels, CheckSelectionClasses);

        var assigned = (int[])labels.Classes.Clone();
        var labelColumn = TrainingLabelColumn.Create(label, _task, labels.Catalog, assigned, input.Schema[label].Annotations);
        CoTrainingView[] views;
        int[]? firstSlots = null, secondSlots = null;
        LabeledTable? second = null;
        if (_options.SecondViewColumnName is { } secondName)
        {
            second = fit.Load(secondName);
            views = [View(0, first.Features, labelColumn, assigned, null), View(1, second.Features, labelColumn, assigned, null)];
        }
        else
        {
            (firstSlots, secondSlots) = CoTrainingViewSplit.Slots(_options.FeatureColumnName, first.Features.Dimension, _options.FirstViewSlots, fit.Random);
            views = [View(0, first.Features, labelColumn, assigned, firstSlots), View(1, first.Features, labelColumn, assigned, secondSlots)];
            fit.Channel.Info(MessageSensitivity.None, $"Split '{_options.FeatureColumnName}' into views of {firstSlots.Length} and {secondSlots.Length} slots.");
        }
        var shift = fit.CheckShift(second is null ? [first.Features] : [first.Features, second.Features], labels.Classes);

        var scorers = views.Select(_ => ClassifierScorer.For(_task, _context, label)).ToArray();
        var (models, stop, rounds, labeledRound) = new CoTrainingLoop(_options, views, scorers, labels.Catalog, assigned).Run(fit.Channel, fit.Random);
        var members = EnsembleFit.Members(models, scorers, views, (v, model) => views[v].Member(model));
        var chain = fit.Build(members, Combiner(), labels);

        var report = new CoTrainingReport(labels.Catalog.Names, rounds, stop, labeledRound, assigned, firstSlots, secondSlots, scorers.Any(s => s.Calibrated), shift);
        fit.Log(report);
        return new CoTrainingTransformer(_context, chain, report);
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
        return EnsembleFit.OutputSchema(_context, _trainers[0].Sample, inputSchema, _task, _options, ComponentNameInMessages);
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

    private void CheckSelectionClasses(LabelSet labels)
    {
        _options.Selection.CheckClasses(_options.LabelColumnName, labels.Catalog.Names);
    }
}

using Microsoft.ML.SemiSupervised.Confidence;
using Microsoft.ML.SemiSupervised.Ensembles;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>
/// Tri-training (Zhou and Li 2005): three models, from bootstrap samples of the labeled rows, each retrained on the
/// unlabeled rows the other two agree on; the fitted model takes their majority vote. One view is enough.
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
/// classes are not 0..K-1, is refused (MapValueToKey first), so that ML.NET's evaluators read the classes as the model does. Each of the three inner trainers (one
/// trainer three times, or three) is fitted on its own bootstrap sample of the labeled rows. Each round, for each model
/// i, the other two models' error e_i is measured on the labeled rows where they agree; when it is below the e_i of the
/// model's last update, the unlabeled rows on which the other two agree, labeled with their class, are the candidates
/// L_i, and model i is retrained on the labeled rows plus L_i when e_i·|L_i| is below the last update's product
/// (subsampling L_i when that is what keeps it below). Each round replaces, not accumulates, a model's L_i. The loop
/// stops when a round updates no model, or after <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> rounds.
/// </para>
/// <para>
/// PredictedLabel is the majority vote; Score (and Probability) is the mean class probability of the models in the
/// majority, so that it agrees with PredictedLabel for ML.NET's evaluators (all three different: the class and Score of
/// the mean of all three). Binary trainers without a probability are
/// calibrated (Platt scaling). The model (<see cref="TriTrainingTransformer"/>) is a chain of ML.NET transformers
/// with the fit's report: it saves and loads with <c>mlContext.Model</c> in programs that reference this library,
/// and the loaded model carries the report too (<see cref="SemiSupervisedCatalog.GetReport{TReport}(ITransformer)"/>).
/// </para>
/// </remarks>
public sealed class TriTrainingEstimator : IEstimator<TriTrainingTransformer>
{
    private const string ComponentName = "TriTraining";
    private const string ComponentNameInMessages = "tri-training";
    private readonly MLContext _context;
    private readonly TrainerSource<ITransformer>[] _trainers;
    private readonly LabelTask _task;
    private readonly TriTrainingOptions _options;

    internal TriTrainingEstimator(MLContext context, TrainerSource<ITransformer>[] trainers, LabelTask task, TriTrainingOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var trainer in trainers)
        {
            ArgumentNullException.ThrowIfNull(trainer, nameof(trainers));
            if (trainer.Sample is NaiveBayesMulticlassTrainer)
                throw new ArgumentException("NaiveBayes scores are log-likelihoods, not probabilities, so tri-training cannot average the models' scores. Use LbfgsMaximumEntropy, SdcaMaximumEntropy, LightGbm or OneVersusAll.");
            trainer.Columns?.CheckMatches(options.LabelColumnName, options.FeatureColumnName, null, "tri-training");
        }
        _trainers = trainers;
        _task = task;
        _options = options.Clone();
    }

    /// <summary>Trains the model on <paramref name="input"/>, whose label column marks unlabeled rows by a missing label.</summary>
    /// <param name="input">The training data: labeled and unlabeled rows.</param>
    /// <returns>The tri-training model, with the report of every round (<see cref="TriTrainingTransformer.Report"/>).</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, or the labels cannot train a classifier.</exception>
    public TriTrainingTransformer Fit(IDataView input)
    {
        using var fit = new EnsembleFit(_context, ComponentName, ComponentNameInMessages, input, _options, _task, _trainers,
            "TriTraining(() => mlContext....Sdca...(), ...)");
        var label = _options.LabelColumnName;
        var table = fit.Load(_options.FeatureColumnName);
        var labels = table.Labels;
        fit.CheckLabels(labels);

        var annotations = input.Schema[label].Annotations;
        var members = _trainers.Select(t => new TriTrainingMember(t, table.Features, _task, labels, label, annotations, _options.CancellationToken)).ToArray();
        var scorers = members.Select(_ => ClassifierScorer.For(_task, _context, label)).ToArray();
        var shift = fit.CheckShift([table.Features], labels.Classes);
        var (stop, rounds) = new TriTrainingLoop(_options, members, scorers, labels).Run(fit.Channel, fit.Random);

        var ensemble = EnsembleFit.Members(members.Select(m => m.Model!).ToArray(), scorers, members,
            (_, model) => new EnsembleMember(model, _options.FeatureColumnName, _options.FeatureColumnName, table.Features.Dimension, null));
        IEstimator<ITransformer> vote = _task == LabelTask.Binary
            ? _context.Transforms.CustomMapping<EnsembleRows.BinaryTriple, EnsembleRows.BinaryOutput>(TriTrainingCombiners.BinaryVote, ModelContracts.TriTrainingBinaryVoteV1)
            : _context.Transforms.CustomMapping<EnsembleRows.VectorTriple, EnsembleRows.MulticlassOutput>(TriTrainingCombiners.MulticlassVote, ModelContracts.TriTrainingMulticlassVoteV1);
        var chain = fit.Build(ensemble, vote, labels);

        int labeledCount = labels.LabeledCount;
        var report = new TriTrainingReport(labels.Catalog.Names, rounds, stop, labeledCount, labels.Classes.Length - labeledCount, scorers.Any(s => s.Calibrated), shift);
        fit.Log(report);
        return new TriTrainingTransformer(_context, chain, report);
    }

    /// <summary>The schema of the model's output: the input columns and PredictedLabel, Score (and Probability for binary).</summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The shape of the scored data.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return EnsembleFit.OutputSchema(_context, _trainers[0].Sample, inputSchema, _task, _options, ComponentNameInMessages);
    }
}

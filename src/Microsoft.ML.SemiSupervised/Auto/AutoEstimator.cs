using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Diagnostics;
using Microsoft.ML.SemiSupervised.InnerTrainers;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// Chooses between a supervised trainer and semi-supervised candidates built from it, on the user's own labeled rows,
/// and fits the choice: a semi-supervised candidate only when the evidence says it beats the supervised trainer.
/// </summary>
/// <remarks>
/// <para><b>Trainer characteristics</b></para>
/// <list type="table">
/// <item><term>Machine learning task</term><description>Binary or multiclass classification, as the trainer.</description></item>
/// <item><term>Is normalization required?</term><description>As the trainer; label spreading compares rows by Euclidean distance.</description></item>
/// <item><term>Is caching required?</term><description>Advised for a slow pipeline: every fold of every candidate reads the data again (AppendCacheCheckpoint before Auto).</description></item>
/// <item><term>Output columns</term><description>The trainer's (Score, PredictedLabel, and Probability for a calibrated binary trainer).</description></item>
/// </list>
/// <para><b>Algorithm</b></para>
/// <para>
/// Unlabeled data often hurts. First, when <see cref="SemiSupervisedOptionsBase.CheckDistributionShift"/> is on (the
/// default), the labeled and unlabeled rows are compared; unlabeled rows from another distribution are not used
/// (unless <see cref="AutoOptions.UseShiftedUnlabeledRows"/>). Then the labeled rows are split into
/// <see cref="AutoOptions.NumberOfFolds"/> stratified folds, <see cref="AutoOptions.NumberOfRepeats"/> times. On each
/// fold the supervised trainer learns from the other labeled rows, and each candidate from the other labeled rows and
/// every unlabeled row; both are tested on the fold's labeled rows. A candidate's gain is the mean of its fold
/// differences; its lower confidence bound uses the corrected resampled t statistic (Nadeau and Bengio 2003; Bouckaert
/// and Frank 2004 for repeats) with the binomial variance floor of <c>CompareWithSupervised</c>. Under the default
/// <see cref="AutoOptions.DecisionRule"/>, <see cref="AutoDecisionRule.CorrectedBound"/>, the bound is one-sided at
/// 95 % for each candidate, and a candidate whose gain is positive but whose bound is not yet above 0 is
/// cross-validated on new folds up to <see cref="AutoOptions.MaximumNumberOfRepeats"/> repeats and judged on all of
/// them; <see cref="AutoDecisionRule.CorrectedBoundFamilyWise"/> (the first release's rule) puts the bound at
/// 1 - 0.05 / m for m candidates and never adds repeats. The candidate with the largest gain among those whose bound
/// is above 0 is fitted on all rows; if there is none, the supervised trainer is, and the report says why. Where a
/// class has a single labeled row, nothing can be cross-validated, and the candidates are judged by reverse validation
/// (Zhong et al. 2010) instead: each model, fitted on all rows, labels the unlabeled rows; the supervised trainer
/// fitted on those rows alone is tested on the labeled rows, and a candidate is chosen only when its reverse model
/// beats the supervised trainer's by a one-sided sign test at the rule's level (<see cref="AutoEvidence.ReverseValidation"/>). This is
/// the safe semi-supervised learning principle of Li and Zhou (2015): use unlabeled data only where it can be shown
/// not to hurt. docs/auto.md gives the measurements behind the default rule.
/// </para>
/// </remarks>
public sealed class AutoEstimator : IEstimator<AutoTransformer>
{
    private const string ComponentName = "Auto";
    private const string ComponentNameInMessages = "auto";
    private readonly MLContext _context;
    private readonly LabelTask _task;
    private readonly AutoOptions _options;
    private readonly Func<IEstimator<ITransformer>> _supervised;
    private readonly IReadOnlyList<AutoCandidate> _candidates;

    internal AutoEstimator(MLContext context, LabelTask task, AutoOptions options, Func<IEstimator<ITransformer>> supervised,
        Func<AutoOptions, IReadOnlyList<AutoCandidate>> defaultCandidates)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _task = task;
        _supervised = supervised;
        _candidates = _options.Candidates ?? defaultCandidates(_options);
    }

    /// <summary>The names of the candidates this estimator compares with the supervised trainer, in order.</summary>
    public IReadOnlyList<string> CandidateNames => _candidates.Select(c => c.Name).ToArray();

    /// <summary>Chooses and fits a model on <paramref name="input"/>, whose label column marks unlabeled rows by a missing label.</summary>
    /// <param name="input">The training data: labeled and unlabeled rows.</param>
    /// <returns>The chosen model, fitted on all rows, with the report of the choice.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, a feature is not finite, or the labels cannot train a classifier.</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public AutoTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.CancellationToken.ThrowIfCancellationRequested();
        var host = ((IHostEnvironment)_context).Register(ComponentName);
        using var channel = host.Start(nameof(Fit));
        var budget = new FitBudget(_options.MaximumNumberOfFits, _options.TimeBudget, _options.CancellationToken);
        EvaluatorLabelRule.CheckType(input.Schema, _options.LabelColumnName, _task, ComponentNameInMessages);
        var table = LabeledTable.Load(input, _options.FeatureColumnName, _options.LabelColumnName, null, _task);
        table.Labels.EnsureTrainable(_options.LabelColumnName);
        EvaluatorLabelRule.CheckClasses(table.Labels, _options.LabelColumnName, _task, ComponentNameInMessages);
        int seed = _options.Seed ?? host.Rand.Next();

        int unlabeled = table.RowCount - table.Labels.LabeledCount;
        var shift = _options.CheckDistributionShift && unlabeled > 0
            ? DistributionShiftCheck.Run(_context, table.Features, table.Labels.Classes, new DistributionShiftOptions { CancellationToken = _options.CancellationToken }, new Random(seed))
            : null;
        if (shift is not null)
            SemiSupervisedCatalog.Log(channel, shift);

        var selection = new AutoSelection(_context, input, table.Labels, _options, budget, channel);
        string? cannot = AutoSelection.CannotCrossValidate(table.Labels, _options);
        var (results, chosen, reason) = unlabeled == 0 ? Without("the data has no unlabeled rows")
            : cannot is not null && !_options.ReverseValidationWithSingleLabelClasses ? Without(cannot)
            : shift is { IsShifted: true } && !_options.UseShiftedUnlabeledRows
                ? Without(FormattableString.Invariant($"the unlabeled rows look like another distribution (AUC {shift.Auc:F3}, threshold {shift.Threshold:F2}, p {shift.PValue:0.####}); set UseShiftedUnlabeledRows to use them all the same"))
            : cannot is not null ? selection.ChooseByReverseValidation(_supervised, _candidates, seed)
            : selection.Choose(_supervised, _candidates, seed);

        // Reverse validation fitted every model on all rows already; cross-validation did not.
        var model = selection.FittedOnAllRows(chosen)
            ?? (chosen is null ? budget.Count(() => _supervised().Fit(input)) : budget.Count(() => chosen.Create(seed).Fit(input)));
        var report = new AutoReport(results, chosen?.Name ?? AutoDefaults.SupervisedName, reason, shift, selection.Folds, selection.Repeats, budget.Fits, budget.Elapsed, _options.DecisionRule)
        {
            Evidence = selection.EvidenceUsed,
        };
        channel.Info(MessageSensitivity.None, report.ToString());
        return new AutoTransformer(_context, model, report);

        (IReadOnlyList<AutoCandidateResult>, AutoCandidate?, string) Without(string why)
        {
            var skipped = _candidates.Select(c => new AutoCandidateResult(c.Name, "not evaluated: " + why, [], [], double.NaN, double.NaN)).ToArray();
            foreach (var result in skipped)
            {
                _options.IterationCompleted?.Invoke(result);
                _options.CancellationToken.ThrowIfCancellationRequested();
            }
            return (skipped, null, why);
        }
    }

    /// <summary>The schema of the model's output: the input columns and the trainer's output columns.</summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The shape of the scored data.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _supervised().GetOutputSchema(inputSchema);

    /// <summary>Builds an estimator with the supervised baseline and default candidates of a typed trainer factory.</summary>
    internal static AutoEstimator Create<TTransformer, TModel>(MLContext context, Func<ITrainerEstimator<TTransformer, TModel>> createTrainer, LabelTask task, AutoOptions? options)
        where TTransformer : class, ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
    {
        options ??= new AutoOptions();
        options.Validate();
        var trainers = TrainerSource<TTransformer>.From(createTrainer);
        trainers.Columns?.CheckMatches(options.LabelColumnName, options.FeatureColumnName, null, ComponentNameInMessages);
        var untyped = TrainerSource<ITransformer>.From(createTrainer);
        return new AutoEstimator(context, task, options, AutoCandidates.Supervised(context, trainers, task, options),
            o => AutoCandidates.Defaults<TTransformer, TModel>(context, trainers, untyped, task, o));
    }
}

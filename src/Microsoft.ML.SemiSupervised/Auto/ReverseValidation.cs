using System.Globalization;
using Microsoft.ML.Runtime;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Evaluation;
using Microsoft.ML.SemiSupervised.Labels;

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// Reverse validation (Zhong et al. 2010): the evidence of <see cref="AutoEstimator"/> where a class has a single
/// labeled row, so that nothing can be cross-validated. Each model (the supervised trainer, each candidate) is fitted on
/// all rows and gives every unlabeled row its class; the supervised trainer is then fitted on the unlabeled rows with
/// those classes alone (the model's reverse model) and tested on the labeled rows. A candidate's reverse model is
/// paired with the supervised trainer's row by row: the labeled rows only one of the two got right, and the one-sided
/// sign test on them (<see cref="SignTest"/>).
/// </summary>
/// <remarks>
/// The test favours the supervised trainer (its reverse model learns the classes of a model fitted on the very rows it
/// is tested on), so it shows a candidate only where the candidate's classes of the unlabeled rows teach the trainer
/// clearly more. A model that gives every unlabeled row one class has a reverse model that predicts that class (a
/// classifier cannot be fitted on one class); one that gives none a class has a reverse model that gets no row right.
/// </remarks>
internal sealed class ReverseValidation
{
    /// <summary>The start of every reason of a choice by reverse validation.</summary>
    public const string Evidence = "reverse validation (a class has a single labeled row, so nothing can be cross-validated)";

    private readonly MLContext _context;
    private readonly IDataView _data;
    private readonly LabelSet _labels;
    private readonly FitBudget _budget;
    private readonly IChannel _channel;
    private readonly Func<IEstimator<ITransformer>> _supervised;
    private readonly int[] _labeledClasses;
    private readonly Dictionary<string, ITransformer> _fitted = new(StringComparer.Ordinal);
    private bool[]? _supervisedCorrect;

    public ReverseValidation(MLContext context, IDataView data, LabelSet labels, Func<IEstimator<ITransformer>> supervised, FitBudget budget, IChannel channel)
    {
        _context = context;
        _data = data;
        _labels = labels;
        _supervised = supervised;
        _budget = budget;
        _channel = channel;
        _labeledClasses = labels.Classes.Where(c => c >= 0).ToArray();
    }

    /// <summary>The number of labeled rows the reverse models are tested on.</summary>
    public int LabeledRows => _labeledClasses.Length;

    /// <summary>The accuracy of the supervised trainer's reverse model on the labeled rows; NaN until <see cref="RunSupervised"/> ran.</summary>
    public double SupervisedAccuracy => _supervisedCorrect is { } correct ? Accuracy(correct) : double.NaN;

    /// <summary>The model fitted on all rows of the supervised trainer (by <see cref="AutoDefaults.SupervisedName"/>) or of a candidate evaluated, or null.</summary>
    public ITransformer? FittedOnAllRows(string name) => _fitted.GetValueOrDefault(name);

    /// <summary>
    /// Fits the supervised trainer on all rows and its reverse model; returns why not when the budget ran out.
    /// </summary>
    /// <exception cref="InvalidOperationException">The supervised trainer's fit failed (its message names the trainer).</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public string? RunSupervised()
    {
        if (_budget.Exhausted() is { } spent)
            return spent;
        var model = _budget.Count(() => _supervised().Fit(_data));
        _fitted[AutoDefaults.SupervisedName] = model;
        var (correct, notRun) = ReverseCorrect(ReverseClasses(model));
        if (correct is null)
            return notRun;
        _supervisedCorrect = correct;
        return null;
    }

    /// <summary>
    /// The candidate's reverse evidence against the supervised trainer's (after <see cref="RunSupervised"/>): both
    /// reverse accuracies, the rows only one of them got right, and the sign test's p; or why it was skipped.
    /// </summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="level">The level the sign test is judged at (<see cref="AutoCandidateResult.ConfidenceLevel"/>).</param>
    /// <param name="seed">The candidate's seed.</param>
    public AutoCandidateResult Judge(AutoCandidate candidate, double level, int seed)
    {
        var supervised = _supervisedCorrect ?? throw new InvalidOperationException("The supervised trainer's reverse model comes first.");
        if (candidate.CannotRunOn?.Invoke(_data.Schema) is { } cannot)
            return Skipped(candidate, cannot);
        if (_budget.Exhausted() is { } spent)
            return Skipped(candidate, spent);
        int[] classes;
        try
        {
            var model = _budget.Count(() => candidate.Create(seed).Fit(_data));
            _fitted[candidate.Name] = model;
            classes = ReverseClasses(model);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Failed(candidate, "its fit failed: " + e.Message);
        }
        bool[]? correct;
        string? ranOut;
        try
        {
            (correct, ranOut) = ReverseCorrect(classes);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Failed(candidate, "its reverse model (the supervised trainer on the unlabeled rows with the candidate's classes) failed to fit: " + e.Message);
        }
        if (correct is null)
            return Skipped(candidate, ranOut!);
        int candidateOnly = correct.Where((c, r) => c && !supervised[r]).Count();
        int supervisedOnly = supervised.Where((s, r) => s && !correct[r]).Count();
        return new AutoCandidateResult(candidate.Name, null, [Accuracy(correct)], [Accuracy(supervised)], double.NaN, level)
        {
            FoldCounts = [(candidateOnly, supervisedOnly, LabeledRows)],
            SignTestPValue = SignTest.OneSidedPValue(candidateOnly, supervisedOnly),
        };
    }

    /// <summary>The class <paramref name="model"/> gives each unlabeled row (-1 for none), and -1 for the labeled rows: the reverse model's training classes.</summary>
    private int[] ReverseClasses(ITransformer model)
    {
        var predicted = ModelMetrics.PredictedClasses(model, _data, _labels.Catalog);
        return _labels.Classes.Select((c, r) => c >= 0 ? -1 : predicted[r]).ToArray();
    }

    /// <summary>
    /// Which labeled rows the reverse model gets right: the supervised trainer fitted on the rows of
    /// <paramref name="classes"/> (the unlabeled rows with a model's classes); or why it was not fitted (the budget ran out).
    /// </summary>
    private (bool[]? Correct, string? NotRun) ReverseCorrect(int[] classes)
    {
        var present = classes.Where(c => c >= 0).Distinct().Take(2).ToArray();
        // One class (or none) among the unlabeled rows: no classifier can be fitted; its reverse model predicts that class.
        if (present.Length < 2)
            return (_labeledClasses.Select(c => present.Length == 1 && c == present[0]).ToArray(), null);
        if (_budget.Exhausted() is { } spent)
            return (null, spent);
        var trainer = _supervised() as IRelabeledTrainer
            ?? throw new InvalidOperationException("Reverse validation needs the supervised trainer of AutoEstimator.");
        var reverse = _budget.Count(() => trainer.FitRelabeled(_data, classes));
        var labeledRows = new RowSelectionDataView(_data, _labels.Classes.Select(c => c >= 0).ToArray());
        return (ModelMetrics.Measure(_context, reverse, labeledRows, _labeledClasses, _labels.Catalog, evaluatorMetrics: false).Correct, null);
    }

    /// <summary>
    /// The candidate whose reverse model won most labeled rows net among those that pass (sign test p below
    /// 1 - <see cref="AutoCandidateResult.ConfidenceLevel"/>, more rows won than lost), or none; and why, with the numbers.
    /// </summary>
    public static (AutoCandidateResult? Best, string Reason) Decide(IReadOnlyList<AutoCandidateResult> results, double supervisedAccuracy, int labeledRows, AutoDecisionRule rule)
    {
        var evaluated = results.Where(r => r.WasEvaluated).ToArray();
        if (evaluated.Length == 0)
            return (null, Evidence + ": no candidate could be evaluated (see each candidate's reason)");
        var best = evaluated.Where(Passes).OrderByDescending(Net).FirstOrDefault();
        if (best is null)
        {
            var closest = evaluated.OrderBy(r => r.SignTestPValue).ThenByDescending(Net).First();
            return (null, string.Format(CultureInfo.InvariantCulture,
                Evidence + ": no candidate's reverse model beat the supervised trainer's (accuracy {0:F3} on the {1} labeled rows) with a sign test p below {2:0.####} (the closest, {3}'s: {4} rows only it got right, {5} only the supervised one's, p {6:0.####}; rule {7})",
                supervisedAccuracy, labeledRows, 1 - closest.ConfidenceLevel, closest.Name, closest.FoldCounts[0].CandidateOnly, closest.FoldCounts[0].SupervisedOnly, closest.SignTestPValue, rule));
        }
        return (best, string.Format(CultureInfo.InvariantCulture,
            Evidence + ": of the {1} labeled rows, its reverse model got {0} right that the supervised trainer's missed and missed {2} it got right (accuracy {3:F3} against {4:F3}), sign test p {5:0.####} below {6:0.####} ({7} candidates compared; rule {8})",
            best.FoldCounts[0].CandidateOnly, labeledRows, best.FoldCounts[0].SupervisedOnly, best.FoldAccuracies[0], supervisedAccuracy, best.SignTestPValue,
            1 - best.ConfidenceLevel, evaluated.Length, rule));

        static bool Passes(AutoCandidateResult r) => r.SignTestPValue < 1 - r.ConfidenceLevel && r.FoldCounts[0].CandidateOnly > r.FoldCounts[0].SupervisedOnly;
        static int Net(AutoCandidateResult r) => r.FoldCounts[0].CandidateOnly - r.FoldCounts[0].SupervisedOnly;
    }

    private AutoCandidateResult Failed(AutoCandidate candidate, string reason)
    {
        _channel.Warning(MessageSensitivity.None, $"auto: candidate {candidate.Name} is skipped: {reason}");
        return Skipped(candidate, reason);
    }

    private static AutoCandidateResult Skipped(AutoCandidate candidate, string reason) =>
        new(candidate.Name, reason, [], [], double.NaN, double.NaN);

    private static double Accuracy(bool[] correct) => correct.Length == 0 ? double.NaN : (double)correct.Count(c => c) / correct.Length;
}

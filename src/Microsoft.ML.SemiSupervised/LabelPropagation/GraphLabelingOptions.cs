using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The options label propagation and label spreading share: columns, graph and convergence. Use
/// <see cref="LabelPropagationOptions"/> or <see cref="LabelSpreadingOptions"/>.
/// </summary>
/// <remarks>
/// The label column is Single or Double (NaN for unlabeled), a key (the missing key for unlabeled) or text (empty for
/// unlabeled). <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> bounds the label iteration (at least
/// 1; null iterates until the change falls below <see cref="Tolerance"/>), and the iteration stops without converging
/// at the limit (a warning is logged). The seed draws the approximate neighbour search's random start.
/// </remarks>
public abstract class GraphLabelingOptions : SemiSupervisedOptionsBase
{
    private protected GraphLabelingOptions(int maximumNumberOfIterations)
        : base(maximumNumberOfIterations, minimumNumberOfIterations: 1)
    {
    }

    /// <summary>
    /// The output column of each row's label in the label column's own type (a key label gives a key with the class
    /// names as key values): the "fill in my labels" column. The model also writes ML.NET's multiclass outputs,
    /// <c>PredictedLabel</c> (a key whose key values are the class names, in <see cref="LabelPropagationTransformer.ClassNames"/>
    /// order) and <c>Score</c> (the class distribution, a vector of Single, one value per class), under those fixed
    /// names, as ML.NET's multiclass trainers do.
    /// </summary>
    /// <value>The default value is "PropagatedLabel".</value>
    public string PropagatedLabelColumnName { get; set; } = LabelPropagationDefaults.PropagatedLabelColumnName;

    /// <summary>The output column of each row's confidence: the largest value of its distribution.</summary>
    /// <value>The default value is "Confidence".</value>
    public string ConfidenceColumnName { get; set; } = LabelPropagationDefaults.ConfidenceColumnName;

    /// <summary>How the similarity of two rows is weighed.</summary>
    /// <value>
    /// The default value is <see cref="LabelPropagationKernel.NearestNeighbors"/> (scikit-learn defaults to RBF, whose
    /// dense graph does not scale and whose Gamma depends on the feature scale).
    /// </value>
    public LabelPropagationKernel Kernel { get; set; } = LabelPropagationDefaults.Kernel;

    /// <summary>
    /// The number of neighbours of each row, counting the row itself when <see cref="SelfLoops"/> is on (as
    /// scikit-learn does). Used by the nearest-neighbour kernels; must be at most the number of rows minus 1.
    /// </summary>
    /// <value>The default value is 7.</value>
    public int NumberOfNeighbors { get; set; } = LabelPropagationDefaults.NumberOfNeighbors;

    /// <summary>The RBF kernel's width: weights are <c>exp(-Gamma * |x - y|^2)</c>. Must be positive.</summary>
    /// <value>The default value is 20.</value>
    public double Gamma { get; set; } = LabelPropagationDefaults.Gamma;

    /// <summary>
    /// The iteration stops when the summed absolute change of every row's class distribution in one iteration
    /// falls below this (scikit-learn's rule). Must be non-negative.
    /// </summary>
    /// <value>The default value is 0.001.</value>
    public double Tolerance { get; set; } = LabelPropagationDefaults.Tolerance;

    /// <summary>
    /// Whether a link in one direction of the nearest-neighbour graph becomes a link in both. Off, each row listens
    /// to its own nearest neighbours only (scikit-learn's directed graph, in which a row no labeled row lists, directly
    /// or through others, is never reached); on, a row also hears the rows that list it, which makes the graph
    /// symmetric as the theory of both methods assumes, and reaches nearly every row even with few labels.
    /// </summary>
    /// <value>
    /// The default value is true. Set false, with <see cref="UnreachedRowFallback"/> = <see cref="LabelPropagation.UnreachedRowFallback.None"/>,
    /// for scikit-learn's graph and numbers.
    /// </value>
    public bool SymmetrizeGraph { get; set; } = LabelPropagationDefaults.SymmetrizeGraph;

    /// <summary>
    /// How a row that no labeled row reaches through the graph is labeled: left unlabeled, from its nearest reached
    /// rows, or from its nearest labeled row. A row labeled so gets a confidence below every reached row's (its
    /// distribution is drawn toward uniform) and is counted in <see cref="LabelPropagationReport.FallbackRowCount"/>.
    /// </summary>
    /// <value>
    /// The default value is <see cref="LabelPropagation.UnreachedRowFallback.NearestLabeledRow"/>;
    /// <see cref="LabelPropagation.UnreachedRowFallback.None"/> (with <see cref="SymmetrizeGraph"/> false) is scikit-learn's behaviour.
    /// </value>
    public UnreachedRowFallback UnreachedRowFallback { get; set; } = LabelPropagationDefaults.Fallback;

    /// <summary>
    /// Whether each row is linked to itself with weight 1. With the nearest-neighbour kernels the row then takes
    /// one of the <see cref="NumberOfNeighbors"/> places (scikit-learn's kNN graph); with <see cref="LabelPropagationKernel.Rbf"/>
    /// the diagonal exp(0) = 1 is kept. Label spreading drops self-loops from its normalized graph in either case,
    /// so there the option only decides whether the row counts among its neighbours.
    /// </summary>
    /// <value>The default value is true (scikit-learn's graph).</value>
    public bool SelfLoops { get; set; } = LabelPropagationDefaults.SelfLoops;

    /// <summary>
    /// How near two rows are: Euclidean distance, or cosine similarity (rows scaled to unit length first, see
    /// <see cref="NeighborMetric.Cosine"/>; the RBF weights are then <c>exp(-Gamma * (2 - 2 cos))</c>).
    /// </summary>
    /// <value>The default value is <see cref="NeighborMetric.Euclidean"/> (scikit-learn's).</value>
    public NeighborMetric Metric { get; set; } = LabelPropagationDefaults.Metric;

    /// <summary>How nearest neighbours are found: exact brute force, approximate NN-descent, or by row count.</summary>
    /// <value>The default value is <see cref="NeighborSearch.Auto"/>.</value>
    public NeighborSearch NeighborSearch { get; set; } = LabelPropagationDefaults.Search;

    /// <summary>The most rows <see cref="NeighborSearch.Auto"/> searches exactly; more rows use NN-descent.</summary>
    /// <value>The default value is 20000.</value>
    public int ExactSearchRowLimit { get; set; } = LabelPropagationDefaults.ExactSearchRowLimit;

    /// <summary>
    /// A copy of every option, taken when an estimator is created, so that later changes to this object do not reach it.
    /// Every option is a value or a string, so a shallow copy is a full one.
    /// </summary>
    internal GraphLabelingOptions Clone() => (GraphLabelingOptions)MemberwiseClone();

    /// <summary>Records every problem with the options in <paramref name="errors"/>.</summary>
    internal virtual void Validate(OptionErrors errors)
    {
        ValidateShared(errors);
        CheckName(errors, nameof(PropagatedLabelColumnName), PropagatedLabelColumnName);
        CheckName(errors, nameof(ConfidenceColumnName), ConfidenceColumnName);
        CheckOutputNames(errors);
        errors.Check(Enum.IsDefined(Kernel), $"Kernel must be NearestNeighbors, Rbf or NearestNeighborsRbf; got {(int)Kernel}.");
        errors.Check(Enum.IsDefined(NeighborSearch), $"NeighborSearch must be Auto, Exact or Approximate; got {(int)NeighborSearch}.");
        errors.Check(Enum.IsDefined(UnreachedRowFallback),
            $"UnreachedRowFallback must be None, NearestReachedRows or NearestLabeledRow; got {(int)UnreachedRowFallback}.");
        errors.Check(Enum.IsDefined(Metric), $"Metric must be Euclidean or Cosine; got {(int)Metric}.");
        errors.Check(NumberOfNeighbors >= 1, $"NumberOfNeighbors must be at least 1; got {NumberOfNeighbors}.");
        errors.Check(Gamma > 0 && !double.IsInfinity(Gamma), $"Gamma must be positive and finite; got {Gamma}.");
        errors.Check(Tolerance >= 0 && !double.IsInfinity(Tolerance), $"Tolerance must be non-negative and finite; got {Tolerance}.");
        errors.Check(ExactSearchRowLimit >= 0, $"ExactSearchRowLimit must be non-negative; got {ExactSearchRowLimit}.");
    }

    /// <summary>Throws one exception listing every problem, if any: "Invalid label spreading options: ...".</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void ThrowIfInvalid(string technique)
    {
        var errors = new OptionErrors();
        Validate(errors);
        errors.ThrowIfAny(technique);
    }

    /// <summary>The output columns must not overwrite one another (PredictedLabel and Score are fixed names).</summary>
    private void CheckOutputNames(OptionErrors errors)
    {
        string[] fixedNames = [LabelPropagationDefaults.PredictedLabelColumnName, LabelPropagationDefaults.ScoreColumnName];
        foreach (var (option, value) in new[] { (nameof(PropagatedLabelColumnName), PropagatedLabelColumnName), (nameof(ConfidenceColumnName), ConfidenceColumnName) })
        {
            errors.Check(!fixedNames.Contains(value, StringComparer.Ordinal),
                $"{option} must differ from '{value}', which the model writes as ML.NET's multiclass output; got '{value}'.");
        }
        errors.Check(!string.Equals(PropagatedLabelColumnName, ConfidenceColumnName, StringComparison.Ordinal),
            $"PropagatedLabelColumnName and ConfidenceColumnName must differ; both are '{ConfidenceColumnName}'.");
    }

    private static void CheckName(OptionErrors errors, string option, string? value) =>
        errors.Check(!string.IsNullOrWhiteSpace(value), $"{option} must name a column; got '{value}'.");
}

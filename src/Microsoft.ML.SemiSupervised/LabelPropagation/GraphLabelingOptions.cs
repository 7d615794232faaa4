using System.Globalization;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The options label propagation and label spreading share: columns, graph and convergence. Use
/// <see cref="LabelPropagationOptions"/> or <see cref="LabelSpreadingOptions"/>.
/// </summary>
public abstract class GraphLabelingOptions
{
    private protected GraphLabelingOptions(int maximumNumberOfIterations)
    {
        MaximumNumberOfIterations = maximumNumberOfIterations;
    }

    /// <summary>
    /// The label column: Single or Double (NaN for unlabeled), a key (the missing key for unlabeled) or text (empty for unlabeled).
    /// </summary>
    /// <value>The default value is "Label".</value>
    public string LabelColumnName { get; set; } = LabelPropagationDefaults.LabelColumnName;

    /// <summary>The feature column: a known-size vector of Single, every value finite.</summary>
    /// <value>The default value is "Features".</value>
    public string FeatureColumnName { get; set; } = LabelPropagationDefaults.FeatureColumnName;

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

    /// <summary>The most iterations before the iteration stops without converging (a warning is logged).</summary>
    /// <value>The default value is 1000 for label propagation and 30 for label spreading (scikit-learn's).</value>
    public int MaximumNumberOfIterations { get; set; }

    /// <summary>
    /// The iteration stops when the summed absolute change of every row's class distribution in one iteration
    /// falls below this (scikit-learn's rule). Must be non-negative.
    /// </summary>
    /// <value>The default value is 0.001.</value>
    public double Tolerance { get; set; } = LabelPropagationDefaults.Tolerance;

    /// <summary>
    /// Whether a link in one direction of the nearest-neighbour graph becomes a link in both. Off, each row listens
    /// to its own nearest neighbours only (scikit-learn's directed graph); on, a row also hears the rows that list
    /// it, which makes the graph symmetric as the theory of both methods assumes, and connects outliers better.
    /// </summary>
    /// <value>The default value is false (scikit-learn's graph).</value>
    public bool SymmetrizeGraph { get; set; } = LabelPropagationDefaults.SymmetrizeGraph;

    /// <summary>
    /// Whether each row is linked to itself with weight 1. With the nearest-neighbour kernels the row then takes
    /// one of the <see cref="NumberOfNeighbors"/> places (scikit-learn's kNN graph); with <see cref="LabelPropagationKernel.Rbf"/>
    /// the diagonal exp(0) = 1 is kept. Label spreading drops self-loops from its normalized graph in either case,
    /// so there the option only decides whether the row counts among its neighbours.
    /// </summary>
    /// <value>The default value is true (scikit-learn's graph).</value>
    public bool SelfLoops { get; set; } = LabelPropagationDefaults.SelfLoops;

    /// <summary>How nearest neighbours are found: exact brute force, approximate NN-descent, or by row count.</summary>
    /// <value>The default value is <see cref="NeighborSearch.Auto"/>.</value>
    public NeighborSearch NeighborSearch { get; set; } = LabelPropagationDefaults.Search;

    /// <summary>The most rows <see cref="NeighborSearch.Auto"/> searches exactly; more rows use NN-descent.</summary>
    /// <value>The default value is 20000.</value>
    public int ExactSearchRowLimit { get; set; } = LabelPropagationDefaults.ExactSearchRowLimit;

    /// <summary>The seed of the approximate neighbour search's random start.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; } = LabelPropagationDefaults.Seed;

    /// <summary>
    /// When true, Fit first checks that the labeled and unlabeled rows come from the same distribution
    /// (<see cref="SemiSupervisedCatalog.CheckDistributionShift(IDataView, Diagnostics.DistributionShiftOptions)"/>
    /// with its defaults), puts the result in <see cref="LabelPropagationReport.DistributionShift"/>, and logs a
    /// warning through <c>mlContext.Log</c> when they differ. It does not stop the fit.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool CheckDistributionShift { get; set; }

    /// <summary>
    /// A copy of every option, taken when an estimator is created, so that later changes to this object do not reach it.
    /// Every option is a value or a string, so a shallow copy is a full one.
    /// </summary>
    internal GraphLabelingOptions Clone() => (GraphLabelingOptions)MemberwiseClone();

    /// <summary>Every problem with the options, in one list (empty when they are valid).</summary>
    internal virtual List<string> Validate()
    {
        var errors = new List<string>();
        CheckName(errors, nameof(LabelColumnName), LabelColumnName);
        CheckName(errors, nameof(FeatureColumnName), FeatureColumnName);
        CheckName(errors, nameof(PropagatedLabelColumnName), PropagatedLabelColumnName);
        CheckName(errors, nameof(ConfidenceColumnName), ConfidenceColumnName);
        CheckOutputNames(errors);
        if (!Enum.IsDefined(Kernel))
            errors.Add(Format("Kernel must be NearestNeighbors, Rbf or NearestNeighborsRbf; got {0}.", (int)Kernel));
        if (!Enum.IsDefined(NeighborSearch))
            errors.Add(Format("NeighborSearch must be Auto, Exact or Approximate; got {0}.", (int)NeighborSearch));
        if (NumberOfNeighbors < 1)
            errors.Add(Format("NumberOfNeighbors must be at least 1; got {0}.", NumberOfNeighbors));
        if (!(Gamma > 0) || double.IsInfinity(Gamma))
            errors.Add(Format("Gamma must be positive and finite; got {0}.", Gamma));
        if (MaximumNumberOfIterations < 1)
            errors.Add(Format("MaximumNumberOfIterations must be at least 1; got {0}.", MaximumNumberOfIterations));
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
            errors.Add(Format("Tolerance must be non-negative and finite; got {0}.", Tolerance));
        if (ExactSearchRowLimit < 0)
            errors.Add(Format("ExactSearchRowLimit must be non-negative; got {0}.", ExactSearchRowLimit));
        return errors;
    }

    /// <summary>Throws one exception listing every problem, if any.</summary>
    internal void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), "options");
    }

    private protected static string Format(string format, object value) => string.Format(CultureInfo.InvariantCulture, format, value);

    /// <summary>The output columns must not overwrite one another (PredictedLabel and Score are fixed names).</summary>
    private void CheckOutputNames(List<string> errors)
    {
        string[] fixedNames = [LabelPropagationDefaults.PredictedLabelColumnName, LabelPropagationDefaults.ScoreColumnName];
        foreach (var (option, value) in new[] { (nameof(PropagatedLabelColumnName), PropagatedLabelColumnName), (nameof(ConfidenceColumnName), ConfidenceColumnName) })
        {
            if (fixedNames.Contains(value, StringComparer.Ordinal))
                errors.Add($"{option} must differ from '{value}', which the model writes as ML.NET's multiclass output; got '{value}'.");
        }
        if (string.Equals(PropagatedLabelColumnName, ConfidenceColumnName, StringComparison.Ordinal))
            errors.Add($"PropagatedLabelColumnName and ConfidenceColumnName must differ; both are '{ConfidenceColumnName}'.");
    }

    private static void CheckName(List<string> errors, string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add($"{option} must name a column; got '{value}'.");
    }
}

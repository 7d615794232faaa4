namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>What kind of model an entry point fits, which decides its output columns.</summary>
public enum ConformanceTask
{
    /// <summary>A binary classifier: PredictedLabel (Boolean), Score, Probability.</summary>
    Binary,

    /// <summary>A multiclass classifier: PredictedLabel (key), Score (class probabilities).</summary>
    Multiclass,

    /// <summary>A graph labeling: PredictedLabel (key), Score (class distribution), PropagatedLabel (the label's own type), Confidence.</summary>
    GraphLabeling,
}

/// <summary>
/// One entry point of <see cref="SemiSupervisedCatalog"/> as the conformance suite drives it: how to build its
/// estimator for given column names and seed (through an options object the suite can change afterwards), which label
/// kinds it accepts, and which columns its model writes.
/// </summary>
/// <remarks>
/// <see cref="CreateOptions"/> returns the estimator's options object and <see cref="FromOptions"/> builds the
/// estimator from it (creating any inner trainer with the options' column names), so that a check can change every
/// option after construction and see whether Fit notices.
/// </remarks>
public sealed class ConformanceCase
{
    public ConformanceCase(string catalogMethod, ConformanceTask task, IReadOnlyList<ConformanceLabelKind> acceptedLabelKinds,
        Func<ConformanceSettings, object> createOptions, Func<MLContext, object, IEstimator<ITransformer>> fromOptions, Type? reportType = null)
    {
        ReportType = reportType;
        CatalogMethod = catalogMethod;
        Task = task;
        AcceptedLabelKinds = acceptedLabelKinds;
        CreateOptions = createOptions;
        FromOptions = fromOptions;
    }

    /// <summary>The <see cref="SemiSupervisedCatalog"/> method (every overload of it for <see cref="Task"/>) this case covers.</summary>
    public string CatalogMethod { get; }

    /// <summary>Binary, multiclass or graph labeling: the model's output columns.</summary>
    public ConformanceTask Task { get; }

    /// <summary>The label kinds the entry point documents as accepted; every other kind must be refused clearly.</summary>
    public IReadOnlyList<ConformanceLabelKind> AcceptedLabelKinds { get; }

    /// <summary>Creates the estimator's options object for the given column names and seed.</summary>
    public Func<ConformanceSettings, object> CreateOptions { get; }

    /// <summary>Builds the estimator from an options object made by <see cref="CreateOptions"/>.</summary>
    public Func<MLContext, object, IEstimator<ITransformer>> FromOptions { get; }

    /// <summary>
    /// The report type the fitted model carries (live and saved: <c>GetReport</c> reads it), or null for a model that
    /// carries none (self-training's model is its inner trainer's own transformer).
    /// </summary>
    public Type? ReportType { get; }

    /// <summary>The name this case has in test names and messages, for example "SelfTraining(Binary)".</summary>
    public string Name => $"{CatalogMethod}({Task})";

    /// <summary>The number of classes of the case's data: 2 for binary, 3 otherwise.</summary>
    public int ClassCount => Task == ConformanceTask.Binary ? 2 : 3;

    /// <summary>The column holding the predicted label: ML.NET's PredictedLabel for every task (graph labelings write it too).</summary>
    public string PredictedLabelColumn => "PredictedLabel";

    /// <summary>Every column the model adds to its input.</summary>
    public IReadOnlyList<string> OutputColumns => Task switch
    {
        ConformanceTask.Binary => ["PredictedLabel", "Score", "Probability"],
        ConformanceTask.Multiclass => ["PredictedLabel", "Score"],
        _ => ["PredictedLabel", "Score", "PropagatedLabel", "Confidence"],
    };

    /// <summary>Builds the estimator with the given settings.</summary>
    public IEstimator<ITransformer> Build(MLContext ml, ConformanceSettings? settings = null) =>
        FromOptions(ml, CreateOptions(settings ?? new ConformanceSettings()));

    /// <summary>The case's usual data: well separated clusters, some rows labeled.</summary>
    public ConformanceTable Data() => ConformanceTable.Clusters(ClassCount);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The column names and seed a case builds its estimator with.</summary>
public sealed record ConformanceSettings(string LabelColumnName = "Label", string FeatureColumnName = "Features", int Seed = 1);

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>
/// A semi-supervised estimator <see cref="AutoEstimator"/> may choose: a name (in the report and the log) and the
/// estimator, or a factory that creates it anew for each fit.
/// </summary>
/// <remarks>
/// The estimator receives the rows as the user gave them (labeled and unlabeled, the label in its own type), so it
/// must read the label column itself, as the library's estimators do, and write a classifier's PredictedLabel. A
/// candidate whose fit fails on a fold is skipped, and the report and the log say why.
/// </remarks>
public sealed class AutoCandidate
{
    private readonly Func<int, IEstimator<ITransformer>> _create;

    /// <summary>A candidate that fits <paramref name="estimator"/> every time.</summary>
    /// <param name="name">The candidate's name in the report.</param>
    /// <param name="estimator">The semi-supervised estimator.</param>
    public AutoCandidate(string name, IEstimator<ITransformer> estimator)
        : this(name, Always(estimator), null)
    {
    }

    /// <summary>A candidate created anew by <paramref name="createEstimator"/> for every fit (use it for SDCA trainers, which keep state between fits).</summary>
    /// <param name="name">The candidate's name in the report.</param>
    /// <param name="createEstimator">Creates the semi-supervised estimator.</param>
    public AutoCandidate(string name, Func<IEstimator<ITransformer>> createEstimator)
        : this(name, Each(createEstimator), null)
    {
    }

    /// <summary>A default candidate: created with the fit's seed, and with a check of whether it can run on the data.</summary>
    internal AutoCandidate(string name, Func<int, IEstimator<ITransformer>> create, Func<DataViewSchema, string?>? cannotRunOn)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"A candidate needs a name; got '{name}'.", nameof(name));
        Name = name;
        _create = create;
        CannotRunOn = cannotRunOn;
    }

    /// <summary>The candidate's name in the report and the log.</summary>
    public string Name { get; }

    /// <summary>Why the candidate cannot run on data of a schema (null when it can), checked before any fit; null for user candidates.</summary>
    internal Func<DataViewSchema, string?>? CannotRunOn { get; }

    /// <summary>The estimator for the next fit, seeded with <paramref name="seed"/> when the candidate takes a seed.</summary>
    internal IEstimator<ITransformer> Create(int seed) =>
        _create(seed) ?? throw new InvalidOperationException($"The factory of candidate '{Name}' returned null; it must create a new estimator each time it is called.");

    /// <inheritdoc />
    public override string ToString() => Name;

    private static Func<int, IEstimator<ITransformer>> Always(IEstimator<ITransformer> estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return _ => estimator;
    }

    private static Func<int, IEstimator<ITransformer>> Each(Func<IEstimator<ITransformer>> createEstimator)
    {
        ArgumentNullException.ThrowIfNull(createEstimator);
        return _ => createEstimator();
    }
}

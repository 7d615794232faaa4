using Microsoft.ML.SemiSupervised.Selection;
using Microsoft.ML.SemiSupervised.Validation;

namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>Options of <see cref="CoTrainingEstimator"/>.</summary>
/// <remarks>
/// Two views: <see cref="SemiSupervisedOptionsBase.FeatureColumnName"/> and <see cref="SecondViewColumnName"/>, each read by its own inner
/// trainer (create each trainer with its view's column as feature column). With one column only
/// (<see cref="SecondViewColumnName"/> null), the column is split into two views, both trainers reading it under
/// its own name: a random half of the slots each (<see cref="SemiSupervisedOptionsBase.Seed"/>), or <see cref="FirstViewSlots"/> and the rest.
/// </remarks>
public sealed class CoTrainingOptions : SemiSupervisedOptionsBase
{
    /// <summary>
    /// Creates the options with every default: <see cref="SemiSupervisedOptionsBase.MaximumNumberOfIterations"/> is
    /// 30 rounds (Blum and Mitchell, 1998); null runs until no row is added, and zero fits each view's model on the
    /// labeled rows only. <see cref="SemiSupervisedOptionsBase.FeatureColumnName"/> is the first view's column, or
    /// the one column split into two views; the seed draws the random view split and the pool. With
    /// <see cref="SemiSupervisedOptionsBase.CheckDistributionShift"/> each view is checked and the report keeps the
    /// view with the higher AUC.
    /// </summary>
    public CoTrainingOptions()
        : base(CoTrainingDefaults.MaximumNumberOfIterations, minimumNumberOfIterations: 0)
    {
    }

    /// <summary>The second view's feature column, or null to split <see cref="SemiSupervisedOptionsBase.FeatureColumnName"/> into two views.</summary>
    /// <value>The default value is null.</value>
    public string? SecondViewColumnName { get; set; }

    /// <summary>
    /// When one column is split: the slots of the first view (the second view gets the others), or null for a random
    /// half of the slots drawn with <see cref="SemiSupervisedOptionsBase.Seed"/>. Must name at least one slot and leave at least one.
    /// </summary>
    /// <value>The default value is null (random halves).</value>
    public IReadOnlyList<int>? FirstViewSlots { get; set; }

    /// <summary>How many unlabeled rows the views' models score each round (Blum and Mitchell's u). Must be positive.</summary>
    /// <value>The default value is 75, as in Blum and Mitchell (1998).</value>
    public int PoolSize { get; set; } = CoTrainingDefaults.PoolSize;

    /// <summary>
    /// The rule that chooses, in each round, which pool rows each view's model labels for both:
    /// <see cref="CountPerClassSelection"/> (per class its most confident rows, Blum and Mitchell's p and n),
    /// <see cref="ConfidenceThresholdSelection"/> (every row at or above a probability), <see cref="KBestSelection"/>,
    /// <see cref="ClassBalancedSelection"/>, <see cref="SetredSelection"/> (on the view's features), or a rule of your
    /// own (derive from <see cref="PseudoLabelSelection"/>); the same rules as
    /// <see cref="SelfTraining.SelfTrainingOptions.Selection"/>. It is called once per view per round, the second view
    /// choosing among the pool rows the first left. Must not be null.
    /// </summary>
    /// <value>
    /// The default value is a <see cref="CountPerClassSelection"/> following the labeled class ratio, the rarest class at
    /// 1 row per view per round (Blum and Mitchell's 1 positive and 3 negatives for a 1:3 ratio).
    /// </value>
    public PseudoLabelSelection Selection { get; set; } = new CountPerClassSelection();

    /// <summary>How the model combines the two views' class probabilities.</summary>
    /// <value>The default value is <see cref="CoTrainingCombination.Product"/>.</value>
    public CoTrainingCombination Combination { get; set; } = CoTrainingDefaults.Combination;

    /// <summary>Called after each round with what it did, for progress reporting.</summary>
    /// <value>The default value is null.</value>
    public Action<CoTrainingIteration>? IterationCompleted { get; set; }

    /// <summary>Checks every option and throws one exception listing all the invalid ones.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    internal void Validate()
    {
        var errors = new OptionErrors();
        ValidateShared(errors);
        errors.Check(SecondViewColumnName is null || SecondViewColumnName.Trim().Length > 0, $"SecondViewColumnName must be null or name a column; got '{SecondViewColumnName}'.");
        errors.Check(SecondViewColumnName is null || SecondViewColumnName != FeatureColumnName,
            $"SecondViewColumnName must differ from FeatureColumnName; both are '{FeatureColumnName}'. Set it to null to split one column into two views.");
        errors.Check(FirstViewSlots is null || SecondViewColumnName is null, $"FirstViewSlots splits one column into two views; it cannot be combined with SecondViewColumnName '{SecondViewColumnName}'.");
        errors.Check(FirstViewSlots is null || FirstViewSlots.Count > 0, $"FirstViewSlots must name at least one slot; got none.");
        errors.Check(FirstViewSlots is null || FirstViewSlots.All(s => s >= 0), $"FirstViewSlots must hold slot indices (0 or more); got [{Join(FirstViewSlots)}].");
        errors.Check(FirstViewSlots is null || FirstViewSlots.Distinct().Count() == FirstViewSlots.Count, $"FirstViewSlots must not repeat a slot; got [{Join(FirstViewSlots)}].");
        errors.Check(PoolSize > 0, $"PoolSize must be positive; got {PoolSize}.");
        errors.Check(Selection is not null, $"Selection must be a pseudo-label selection, such as new CountPerClassSelection(); got null.");
        errors.Check(Enum.IsDefined(Combination), $"Combination must be Product or Mean; got {(int)Combination}.");
        errors.ThrowIfAny("co-training");
    }

    /// <summary>A copy, so that changing the options after creating an estimator does not change it.</summary>
    internal CoTrainingOptions Clone()
    {
        var copy = (CoTrainingOptions)MemberwiseClone();
        copy.FirstViewSlots = FirstViewSlots?.ToArray();
        return copy;
    }

    private static string Join(IReadOnlyList<int>? values) => values is null ? "" : string.Join(", ", values);
}

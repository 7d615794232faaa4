namespace Microsoft.ML.SemiSupervised.CoTraining;

/// <summary>How a co-training model combines its two views' class probabilities into one prediction.</summary>
public enum CoTrainingCombination
{
    /// <summary>
    /// The product of the two views' probabilities, normalized over the classes (Blum and Mitchell): the
    /// combination that is right when the views are independent given the class. Where the product is zero for
    /// every class (the views rule out each other's classes), the mean is used.
    /// </summary>
    Product,

    /// <summary>The mean of the two views' probabilities: less sure of itself, more forgiving of one poor view.</summary>
    Mean,
}

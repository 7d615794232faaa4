namespace Microsoft.ML.SemiSupervised;

/// <summary>Adds the semi-supervised catalog to <see cref="MLContext"/>.</summary>
public static class MLContextExtensions
{
    /// <param name="mlContext">The ML.NET context.</param>
    extension(MLContext mlContext)
    {
        /// <summary>
        /// The semi-supervised learning catalog: estimators that learn from rows with and without labels.
        /// </summary>
        public SemiSupervisedCatalog SemiSupervised => new(mlContext);
    }

    // Not named SemiSupervised(), after ML.NET's mlContext.Recommendation(): a classic extension method and the extension
    // property of the same name make every C# 14 mlContext.SemiSupervised ambiguous (CS9339), wherever the method is
    // declared (same or another static class, either namespace imported), whatever OverloadResolutionPriority says.
    /// <summary>
    /// The semi-supervised learning catalog, for code compiled with C# 13 or older, which cannot use
    /// the <c>mlContext.SemiSupervised</c> extension property.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <returns>The same catalog as <c>mlContext.SemiSupervised</c>.</returns>
    public static SemiSupervisedCatalog GetSemiSupervisedCatalog(this MLContext mlContext) => new(mlContext);
}

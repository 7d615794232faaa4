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

    /// <summary>
    /// The semi-supervised learning catalog, for code compiled with C# 13 or older, which cannot use
    /// the <c>mlContext.SemiSupervised</c> extension property.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <returns>The same catalog as <c>mlContext.SemiSupervised</c>.</returns>
    public static SemiSupervisedCatalog GetSemiSupervisedCatalog(this MLContext mlContext) => new(mlContext);
}

using Microsoft.ML.Runtime;

namespace Microsoft.ML.SemiSupervised;

/// <summary>
/// The semi-supervised learning catalog: the one entry point for every technique of this library,
/// reached as <c>mlContext.SemiSupervised</c> (C# 14) or <c>mlContext.GetSemiSupervisedCatalog()</c>.
/// </summary>
/// <remarks>
/// Each technique adds its methods to this class from its own folder (a partial class file), so the
/// catalog stays the single public entry point while each technique's code stays together.
/// </remarks>
public sealed partial class SemiSupervisedCatalog
{
    internal SemiSupervisedCatalog(MLContext context)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
    }

    /// <summary>The context the estimators of this catalog are created in.</summary>
    internal MLContext Context { get; }

    /// <summary>The context as ML.NET's host environment, for logging channels and random seeds.</summary>
    internal IHostEnvironment Environment => Context;
}

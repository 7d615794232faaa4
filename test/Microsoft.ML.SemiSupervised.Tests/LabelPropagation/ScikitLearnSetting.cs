using Microsoft.ML.SemiSupervised.LabelPropagation;

namespace Microsoft.ML.SemiSupervised.Tests.LabelPropagation;

/// <summary>
/// The scikit-learn-compatible setting of the graph estimators (docs/label-propagation.md): its directed kNN graph
/// (<c>SymmetrizeGraph = false</c>) and no fallback for the rows no label reaches (<c>UnreachedRowFallback = None</c>).
/// The tests that pin scikit-learn's figures, and those about the directed graph or unreached rows, fit with it.
/// </summary>
internal static class ScikitLearnSetting
{
    public static LabelSpreadingOptions Spreading(int numberOfNeighbors = 7) =>
        new() { NumberOfNeighbors = numberOfNeighbors, SymmetrizeGraph = false, UnreachedRowFallback = UnreachedRowFallback.None };

    public static LabelPropagationOptions Propagation(int numberOfNeighbors = 7) =>
        new() { NumberOfNeighbors = numberOfNeighbors, SymmetrizeGraph = false, UnreachedRowFallback = UnreachedRowFallback.None };
}

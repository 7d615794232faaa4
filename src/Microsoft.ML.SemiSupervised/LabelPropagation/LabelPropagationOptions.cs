namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// Options of label propagation (Zhu and Ghahramani, 2002): the labeled rows keep their labels, the others take
/// the weighted average of their neighbours' distributions until nothing changes (the harmonic solution).
/// </summary>
public sealed class LabelPropagationOptions : GraphLabelingOptions
{
    /// <summary>Creates the options with every default.</summary>
    public LabelPropagationOptions()
        : base(LabelPropagationDefaults.PropagationMaximumNumberOfIterations)
    {
    }
}

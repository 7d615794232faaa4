namespace Microsoft.ML.SemiSupervised.Labels;

/// <summary>What kind of classifier the labels are read for.</summary>
internal enum LabelTask
{
    /// <summary>Two classes; the inner trainer needs a Boolean label.</summary>
    Binary,

    /// <summary>Two or more classes; the inner trainer needs a key label.</summary>
    Multiclass,
}

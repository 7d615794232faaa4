namespace Microsoft.ML.SemiSupervised.Labels;

/// <summary>The representation of a user's label column, which decides how a missing label is written.</summary>
internal enum LabelKind
{
    /// <summary>A <see cref="float"/> label; NaN means unlabeled (an infinity is an error).</summary>
    Single,

    /// <summary>A <see cref="double"/> label; NaN means unlabeled (an infinity is an error).</summary>
    Double,

    /// <summary>A <see cref="bool"/> label; every row is labeled.</summary>
    Boolean,

    /// <summary>A key-typed label; the missing key (raw value 0) means unlabeled.</summary>
    Key,

    /// <summary>A text label; empty or whitespace-only text means unlabeled.</summary>
    Text,
}

namespace Microsoft.ML.SemiSupervised.Tests.Conformance;

/// <summary>The label column types a user can hand an estimator: each either works or gets a clear refusal.</summary>
public enum ConformanceLabelKind
{
    /// <summary>Single: the class value, NaN for unlabeled.</summary>
    Single,

    /// <summary>Double: the class value, NaN for unlabeled.</summary>
    Double,

    /// <summary>Boolean: false/true, which cannot mark a row unlabeled (every row is labeled).</summary>
    Boolean,

    /// <summary>A key (UInt32) whose key values are the class values, the missing key (0) for unlabeled.</summary>
    Key,

    /// <summary>Text: the class name, empty for unlabeled.</summary>
    Text,
}

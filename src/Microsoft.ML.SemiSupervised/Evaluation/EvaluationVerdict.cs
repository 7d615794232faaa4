namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>What the comparison with the supervised baseline says, at 95 % confidence.</summary>
public enum EvaluationVerdict
{
    /// <summary>The semi-supervised model is more accurate: the whole confidence interval of the difference is above 0.</summary>
    Helped,

    /// <summary>The confidence interval of the difference contains 0: no measurable gain (nor loss).</summary>
    NoMeasurableGain,

    /// <summary>The semi-supervised model is less accurate: the whole confidence interval is below 0.</summary>
    Hurt,

    /// <summary>
    /// No verdict: a fold has fewer labeled test rows than <see cref="SemiSupervisedEvaluationOptions.MinimumTestRowsPerFold"/>,
    /// too few to measure a difference whatever the interval says.
    /// </summary>
    Inconclusive,
}

namespace Microsoft.ML.SemiSupervised.Auto;

/// <summary>The evidence an <see cref="AutoEstimator"/> choice rests on (<see cref="AutoReport.Evidence"/>).</summary>
public enum AutoEvidence
{
    /// <summary>
    /// Repeated stratified cross-validation over the labeled rows: each candidate's fold accuracies against the
    /// supervised trainer's, judged by <see cref="AutoReport.DecisionRule"/>.
    /// </summary>
    CrossValidation = 0,

    /// <summary>
    /// Reverse validation, where a class has a single labeled row and nothing can be cross-validated: each model,
    /// fitted on all rows, labels the unlabeled rows; the supervised trainer fitted on those rows with those labels
    /// alone (the reverse model) is tested on the labeled rows, the candidate's against the supervised trainer's, with
    /// a one-sided sign test on the rows only one of them got right (<see cref="AutoCandidateResult.SignTestPValue"/>).
    /// </summary>
    ReverseValidation = 1,

    /// <summary>
    /// No evidence: the supervised trainer was fitted without comparing (no unlabeled rows, unlabeled rows that look
    /// like another distribution, or the budget ran out before the supervised trainer was evaluated).
    /// </summary>
    None = 2,
}

namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>A fitted model of this library that holds the report of the fit that made it.</summary>
internal interface IReportedModel
{
    /// <summary>The report: a label propagation, co-training or tri-training report.</summary>
    object Report { get; }
}

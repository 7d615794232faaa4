namespace Microsoft.ML.SemiSupervised.Reports;

/// <summary>A fitted model of this library that holds the report of the fit that made it.</summary>
internal interface IReportedModel
{
    /// <summary>The report: a label propagation, co-training, tri-training or Auto report.</summary>
    object Report { get; }

    /// <summary>The model this one wraps, which may carry reports of its own (Auto's chosen model), or null.</summary>
    ITransformer? Inner => null;
}

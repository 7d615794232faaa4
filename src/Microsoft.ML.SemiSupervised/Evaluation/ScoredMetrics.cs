using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>A model's metrics on some labeled rows: accuracy and ML.NET's own metrics object.</summary>
internal sealed record ScoredMetrics(double Accuracy, BinaryClassificationMetrics? Binary, MulticlassClassificationMetrics? Multiclass);

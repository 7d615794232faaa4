using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.Evaluation;

/// <summary>A model's metrics on some labeled rows: accuracy, whether it got each row right, and ML.NET's own metrics object.</summary>
internal sealed record ScoredMetrics(double Accuracy, bool[] Correct, BinaryClassificationMetrics? Binary, MulticlassClassificationMetrics? Multiclass);

namespace Microsoft.ML.SemiSupervised.Confidence;

/// <summary>A model's predicted class for one row and its confidence in it (a probability, 0 to 1).</summary>
internal readonly record struct ClassPrediction(int Class, float Confidence);

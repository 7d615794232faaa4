using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.TriTraining;

/// <summary>The model a tri-training fit produced, with the report of how it got there.</summary>
public sealed class TriTrainingResult
{
    internal TriTrainingResult(TransformerChain<ITransformer> model, TriTrainingReport report)
    {
        Model = model;
        Report = report;
    }

    /// <summary>
    /// The model: a chain of ML.NET transformers that scores the three models and takes their majority vote, with the
    /// columns of an ML.NET classifier (PredictedLabel, Score, and Probability for binary). It saves with
    /// <c>mlContext.Model.Save</c> and loads with <c>mlContext.Model.Load</c> in a program that references this library.
    /// </summary>
    public TransformerChain<ITransformer> Model { get; }

    /// <summary>What each round did and why the fit stopped.</summary>
    public TriTrainingReport Report { get; }
}

namespace Microsoft.ML.SemiSupervised.SelfTraining;

/// <summary>The model a self-training fit produced, with the report of how it got there.</summary>
/// <typeparam name="TTransformer">The inner trainer's prediction transformer type.</typeparam>
public sealed class SelfTrainingResult<TTransformer>
    where TTransformer : class, ITransformer
{
    internal SelfTrainingResult(TTransformer model, SelfTrainingReport report)
    {
        Model = model;
        Report = report;
    }

    /// <summary>
    /// The model: the inner trainer's own transformer, fitted on the labeled and pseudo-labeled rows.
    /// It saves and loads like any model of that trainer.
    /// </summary>
    public TTransformer Model { get; }

    /// <summary>What each iteration did and why the loop stopped.</summary>
    public SelfTrainingReport Report { get; }
}

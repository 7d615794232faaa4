namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>Test accuracy as ML.NET's multiclass evaluator measures it (micro accuracy).</summary>
internal static class Accuracy
{
    public static double On(MLContext mlContext, ITransformer model, IDataView test) =>
        mlContext.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
}

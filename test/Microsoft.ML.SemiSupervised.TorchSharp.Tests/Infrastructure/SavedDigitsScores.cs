using Microsoft.ML.Data;

namespace Microsoft.ML.SemiSupervised.TorchSharp.Tests.Infrastructure;

/// <summary>A fitted digits model's scores, live and after a save and a load into a fresh context (to compare them).</summary>
internal static class SavedDigitsScores
{
    /// <summary>The scores of <paramref name="model"/> on <paramref name="data"/>, and of its saved copy loaded in a fresh context on the same digits.</summary>
    public static (float[][] Live, float[][] Reloaded) LiveAndReloaded(MLContext ml, ITransformer model, IDataView data)
    {
        var live = Scores(ml, model.Transform(data));
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;

        var fresh = new MLContext(seed: 7);
        var loaded = fresh.Model.Load(stream, out _);
        return (live, Scores(fresh, loaded.Transform(Digits.Train(fresh))));
    }

    private static float[][] Scores(MLContext ml, IDataView scored) =>
        ml.Data.CreateEnumerable<Scored>(scored, reuseRowObject: false).Select(s => s.Score).ToArray();

    private sealed class Scored
    {
        [VectorType]
        public float[] Score { get; set; } = [];
    }
}

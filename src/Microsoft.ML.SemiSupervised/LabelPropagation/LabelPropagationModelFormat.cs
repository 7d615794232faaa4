using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// How a fitted label propagation survives <c>mlContext.Model.Save</c>: ML.NET 5 keeps the writer of a custom
/// transformer internal, so the state travels in built-in transformers. The model becomes two numeric vectors
/// (a header of doubles, the stored rows' features and distributions as Singles), held by ML.NET's value mapping
/// transformer (written into the zip as data) under a constant key, and a custom mapping whose contract name
/// (below) ML.NET finds again on load in this assembly. Everything here is a frozen format: version 1.
/// </summary>
internal static class LabelPropagationModelFormat
{
    /// <summary>The contract of the mapping that emits the constant state key.</summary>
    public const string StateKeyContract = "Microsoft.ML.SemiSupervised.LabelPropagation.StateKey.v1";

    /// <summary>The contract of the mapping that predicts from the saved state.</summary>
    public const string PredictContract = "Microsoft.ML.SemiSupervised.LabelPropagation.Predict.v1";

    private const int Version = 1;
    private const int HeaderLength = 9;
    private static LabelPropagationModel? s_lastLoaded;

    /// <summary>The model as a header (version, kernel, neighbours, gamma, rows, dimension, classes, id) and a state vector.</summary>
    public static (double[] Header, float[] State) Write(LabelPropagationModel model)
    {
        var header = new double[HeaderLength];
        header[0] = Version;
        header[1] = (int)model.Kernel;
        header[2] = model.NumberOfNeighbors;
        header[3] = model.Gamma;
        header[4] = model.Points.Count;
        header[5] = model.Points.Dimension;
        header[6] = model.ClassCount;
        header[7] = (uint)(model.Id >> 32);
        header[8] = (uint)model.Id;
        var state = new float[model.Points.Values.Length + model.Distributions.Length];
        model.Points.Values.CopyTo(state, 0);
        model.Distributions.CopyTo(state, model.Points.Values.Length);
        return (header, state);
    }

    /// <summary>The model a header and state stand for; the last one read is cached, as every row carries the same state.</summary>
    public static LabelPropagationModel Read(double[] header, float[] state)
    {
        if (header.Length != HeaderLength || header[0] != Version)
            throw new InvalidOperationException($"The label propagation state has format version {(header.Length > 0 ? header[0] : 0)}; this library reads version {Version}.");
        long id = ((long)header[7] << 32) | (long)(uint)header[8];
        var cached = s_lastLoaded;
        if (cached is not null && cached.Id == id)
            return cached;
        int rows = (int)header[4];
        int dimension = (int)header[5];
        int classes = (int)header[6];
        var features = state.AsSpan(0, rows * dimension).ToArray();
        var distributions = state.AsSpan(rows * dimension, rows * classes).ToArray();
        var model = new LabelPropagationModel(id, (LabelPropagationKernel)(int)header[1], (int)header[2], header[3],
            new PointSet(features, dimension), classes, distributions);
        s_lastLoaded = model;
        return model;
    }
}

/// <summary>Recreates, on load, the mapping that emits the constant key of the saved state.</summary>
[CustomMappingFactoryAttribute(LabelPropagationModelFormat.StateKeyContract)]
internal sealed class LabelPropagationStateKeyFactory : CustomMappingFactory<LabelPropagationRows.FeaturesRow, LabelPropagationRows.StateKeyRow>
{
    /// <inheritdoc />
    public override Action<LabelPropagationRows.FeaturesRow, LabelPropagationRows.StateKeyRow> GetMapping() => Map;

    /// <summary>Every row looks up the same state.</summary>
    public static void Map(LabelPropagationRows.FeaturesRow input, LabelPropagationRows.StateKeyRow output) => output.StateKey = 1;
}

/// <summary>Recreates, on load, the mapping that predicts from the saved state.</summary>
[CustomMappingFactoryAttribute(LabelPropagationModelFormat.PredictContract)]
internal sealed class LabelPropagationPredictFactory : CustomMappingFactory<LabelPropagationRows.StoredRow, LabelPropagationRows.PredictionRow>
{
    /// <inheritdoc />
    public override Action<LabelPropagationRows.StoredRow, LabelPropagationRows.PredictionRow> GetMapping() => Map;

    /// <summary>Predicts a row from the state it carries.</summary>
    public static void Map(LabelPropagationRows.StoredRow input, LabelPropagationRows.PredictionRow output) =>
        LabelPropagationRows.Predict(LabelPropagationModelFormat.Read(input.Header, input.State), input.Features, output);
}

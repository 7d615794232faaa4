using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// Reads models saved with format version 1 (frozen; no longer written): a header (version, kernel, neighbours,
/// gamma, rows, dimension, classes, a random id in two parts) and a state (features, distributions) that ML.NET
/// passes to every row, without checksum. Each loaded version 1 model builds its model once, in its own mapping.
/// </summary>
internal static class LabelPropagationModelFormatV1
{
    private const int Version = 1;
    private const int HeaderLength = 9;

    /// <summary>The model a version 1 header and state stand for.</summary>
    public static LabelPropagationModel Read(double[] header, float[] state)
    {
        if (header.Length != HeaderLength || header[0] != Version)
            throw new InvalidOperationException($"The label propagation state has format version {(header.Length > 0 ? header[0] : 0)}; this mapping reads version {Version}.");
        int rows = (int)header[4];
        int dimension = (int)header[5];
        int classes = (int)header[6];
        if ((long)rows * (dimension + classes) != state.Length)
            throw new InvalidOperationException($"The saved label propagation state is corrupt: its {state.Length} values do not hold {rows} rows of {dimension} features and {classes} classes; save the model again.");
        var features = state.AsSpan(0, rows * dimension).ToArray();
        var distributions = state.AsSpan(rows * dimension, rows * classes).ToArray();
        return new LabelPropagationModel((LabelPropagationKernel)(int)header[1], (int)header[2], header[3],
            new PointSet(features, dimension), classes, distributions, labeled: null);
    }
}

/// <summary>Recreates, on load of a version 1 model, the mapping that emits the constant key of the saved state.</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationStateKeyV1)]
internal sealed class LabelPropagationStateKeyFactoryV1 : CustomMappingFactory<LabelPropagationRows.FeaturesRow, LabelPropagationRows.StateKeyRow>
{
    /// <inheritdoc />
    public override Action<LabelPropagationRows.FeaturesRow, LabelPropagationRows.StateKeyRow> GetMapping() =>
        static (input, output) => output.StateKey = 1;
}

/// <summary>
/// Recreates, on load of a version 1 model, the mapping that predicts from the state every row carries. Each loaded
/// model gets its own mapping (ML.NET calls <see cref="GetMapping"/> once per load), which builds the model from the
/// first row and keeps it: every row carries the same state.
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationPredictV1)]
internal sealed class LabelPropagationPredictFactoryV1 : CustomMappingFactory<LabelPropagationRows.StoredRow, LabelPropagationRows.PredictionRow>
{
    /// <inheritdoc />
    public override Action<LabelPropagationRows.StoredRow, LabelPropagationRows.PredictionRow> GetMapping()
    {
        LabelPropagationModel? model = null;
        return (input, output) =>
        {
            var current = Volatile.Read(ref model);
            if (current is null)
            {
                current = LabelPropagationModelFormatV1.Read(input.Header, input.State);
                Volatile.Write(ref model, current);
            }
            LabelPropagationRows.Predict(current, input.Features, output);
        };
    }
}

using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>Recreates, on load, the mapping that emits the constant key of the saved header.</summary>
[CustomMappingFactoryAttribute(NeuralContracts.ConstantKeyV1)]
internal sealed class NeuralConstantKeyFactory : CustomMappingFactory<NeuralRows.FeaturesRow, NeuralRows.ConstantKeyRow>
{
    /// <inheritdoc />
    public override Action<NeuralRows.FeaturesRow, NeuralRows.ConstantKeyRow> GetMapping() => Map;

    public static void Map(NeuralRows.FeaturesRow input, NeuralRows.ConstantKeyRow output) => output.ConstantKey = 1;
}

/// <summary>
/// Recreates, on load, the mapping that decides whether a row carries the full saved state: ML.NET calls
/// <see cref="GetMapping"/> once per loaded transformer; its mapping asks for the full state on the first row, then
/// until a network with the header's content id is in memory, then holds that network and asks for the empty state.
/// </summary>
[CustomMappingFactoryAttribute(NeuralContracts.StateKeyV1)]
internal sealed class NeuralStateKeyFactory : CustomMappingFactory<NeuralRows.HeaderRow, NeuralRows.StateKeyRow>
{
    /// <inheritdoc />
    public override Action<NeuralRows.HeaderRow, NeuralRows.StateKeyRow> GetMapping() => new StateKeyMapping().Map;

    public static void MapFullState(NeuralRows.HeaderRow input, NeuralRows.StateKeyRow output) => output.StateKey = NeuralModelFormat.FullStateKey;

    private static long s_fullStateRows;

    /// <summary>How many rows of loaded models were given the full state (the weights) in this process (for tests): one per loaded model.</summary>
    public static long FullStateRows => Interlocked.Read(ref s_fullStateRows);

    private sealed class StateKeyMapping
    {
        private readonly LoadedStateKey<NeuralModel> _key = new(NeuralModelFormat.State);

        public void Map(NeuralRows.HeaderRow input, NeuralRows.StateKeyRow output)
        {
            output.StateKey = _key.Next(input.Header);
            if (output.StateKey == NeuralModelFormat.FullStateKey)
                Interlocked.Increment(ref s_fullStateRows);
        }
    }
}

/// <summary>
/// Recreates, on load, the mapping that predicts: its first full state is checked against the checksum and becomes
/// the network (or the one in memory with that content id is taken); later rows carry an empty state.
/// </summary>
[CustomMappingFactoryAttribute(NeuralContracts.PredictV1)]
internal sealed class NeuralPredictFactory : CustomMappingFactory<NeuralRows.StoredRow, NeuralRows.PaddedPredictionRow>
{
    /// <inheritdoc />
    public override Action<NeuralRows.StoredRow, NeuralRows.PaddedPredictionRow> GetMapping() => new PredictMapping().Map;

    public static void MapNever(NeuralRows.StoredRow input, NeuralRows.PaddedPredictionRow output) =>
        throw new InvalidOperationException("The saved form of a neural model runs only after it is loaded.");

    private sealed class PredictMapping
    {
        private readonly LoadedModelResolver<NeuralModel> _model = new(NeuralModelFormat.State);

        public void Map(NeuralRows.StoredRow input, NeuralRows.PaddedPredictionRow output) =>
            NeuralRows.Predict(_model.Get(input.Header, input.State), input.Features, output);
    }
}

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

    private sealed class StateKeyMapping
    {
        private NeuralModel? _model;
        private int _rowsSeen;

        public void Map(NeuralRows.HeaderRow input, NeuralRows.StateKeyRow output)
        {
            output.StateKey = NeuralModelFormat.FullStateKey;
            if (Interlocked.Increment(ref _rowsSeen) == 1)
                return;
            if (Volatile.Read(ref _model) is null)
            {
                if (!NeuralModelRegistry.TryGet(NeuralModelFormat.ContentId(input.Header), out var model))
                    return;
                Volatile.Write(ref _model, model);
            }
            output.StateKey = NeuralModelFormat.EmptyStateKey;
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
        private readonly object _gate = new();
        private NeuralModel? _model;
        private InvalidOperationException? _failure;

        public void Map(NeuralRows.StoredRow input, NeuralRows.PaddedPredictionRow output) =>
            NeuralRows.Predict(Volatile.Read(ref _model) ?? Resolve(input), input.Features, output);

        private NeuralModel Resolve(NeuralRows.StoredRow input)
        {
            lock (_gate)
            {
                if (_failure is not null)
                    throw new InvalidOperationException(_failure.Message, _failure);
                if (_model is not null)
                    return _model;
                var id = NeuralModelFormat.ContentId(input.Header);
                NeuralModel? model;
                if (input.State.Length > 0)
                {
                    try
                    {
                        if (NeuralModelRegistry.TryGet(id, out model))
                            NeuralModelFormat.Verify(input.Header, input.State);
                        else
                            model = NeuralModelRegistry.Register(id, NeuralModelFormat.Read(input.Header, input.State));
                    }
                    catch (InvalidOperationException error)
                    {
                        _failure = error;
                        throw;
                    }
                }
                else if (!NeuralModelRegistry.TryGet(id, out model))
                {
                    throw new InvalidOperationException("The saved neural network state did not reach the model (internal error); load the model again.");
                }
                Volatile.Write(ref _model, model);
                return model;
            }
        }
    }
}

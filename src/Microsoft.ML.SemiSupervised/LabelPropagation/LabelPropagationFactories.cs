using Microsoft.ML.SemiSupervised.Persistence;
using Microsoft.ML.Transforms;
using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>Recreates, on load, the mapping that emits the constant key of the saved header (format version 2).</summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationConstantKeyV2)]
internal sealed class LabelPropagationConstantKeyFactory : CustomMappingFactory<Rows.FeaturesRow, Rows.ConstantKeyRow>
{
    /// <inheritdoc />
    public override Action<Rows.FeaturesRow, Rows.ConstantKeyRow> GetMapping() => Map;

    /// <summary>Every row looks up the same header.</summary>
    public static void Map(Rows.FeaturesRow input, Rows.ConstantKeyRow output) => output.ConstantKey = 1;
}

/// <summary>
/// Recreates, on load, the mapping that decides whether a row carries the full saved state (format version 2). ML.NET
/// calls <see cref="GetMapping"/> once per loaded transformer, so each loaded model has its own mapping: it asks for the
/// full state on its first row (so that the predict mapping checks this zip's checksum once), then as long as no model
/// with the header's content id is in memory; once one is, it holds it (keeping the registry entry alive) and every
/// row gets the empty state.
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationStateKeyV2)]
internal sealed class LabelPropagationStateKeyFactory : CustomMappingFactory<Rows.HeaderRow, Rows.StateKeyRow>
{
    /// <inheritdoc />
    public override Action<Rows.HeaderRow, Rows.StateKeyRow> GetMapping() => new StateKeyMapping().Map;

    /// <summary>The state key of the live chain's save-time estimator (never run: the saved form runs a new mapping).</summary>
    public static void MapFullState(Rows.HeaderRow input, Rows.StateKeyRow output) => output.StateKey = LabelPropagationModelFormat.FullStateKey;

    private sealed class StateKeyMapping
    {
        private LabelPropagationModel? _model;
        private int _rowsSeen;

        public void Map(Rows.HeaderRow input, Rows.StateKeyRow output)
        {
            output.StateKey = LabelPropagationModelFormat.FullStateKey;
            if (Interlocked.Increment(ref _rowsSeen) == 1)
                return;
            if (Volatile.Read(ref _model) is null)
            {
                if (!LabelPropagationModelRegistry.TryGet(LabelPropagationModelFormat.ContentId(input.Header), out var model))
                    return;
                Volatile.Write(ref _model, model);
            }
            output.StateKey = LabelPropagationModelFormat.EmptyStateKey;
        }
    }
}

/// <summary>
/// Recreates, on load, the mapping that predicts (format version 2). Its first full state is checked against the
/// checksum and becomes the model (or the model already in memory with that content id is taken), held by this
/// mapping and registered; later rows carry an empty state and use it. A checksum mismatch fails every row.
/// </summary>
[CustomMappingFactoryAttribute(ModelContracts.LabelPropagationPredictV2)]
internal sealed class LabelPropagationPredictFactory : CustomMappingFactory<Rows.StoredRow, Rows.PaddedPredictionRow>
{
    /// <inheritdoc />
    public override Action<Rows.StoredRow, Rows.PaddedPredictionRow> GetMapping() => new PredictMapping().Map;

    /// <summary>The prediction of the save-time estimator (never run: the saved form runs a new mapping).</summary>
    public static void MapNever(Rows.StoredRow input, Rows.PaddedPredictionRow output) =>
        throw new InvalidOperationException("The saved form of label propagation runs only after it is loaded.");

    private sealed class PredictMapping
    {
        private readonly object _gate = new();
        private LabelPropagationModel? _model;
        private InvalidOperationException? _failure;

        public void Map(Rows.StoredRow input, Rows.PaddedPredictionRow output) =>
            Rows.Predict(Volatile.Read(ref _model) ?? Resolve(input), input.Features, output);

        private LabelPropagationModel Resolve(Rows.StoredRow input)
        {
            lock (_gate)
            {
                if (_failure is not null)
                    throw new InvalidOperationException(_failure.Message, _failure);
                if (_model is not null)
                    return _model;
                var id = LabelPropagationModelFormat.ContentId(input.Header);
                LabelPropagationModel? model;
                if (input.State.Length > 0)
                {
                    try
                    {
                        if (LabelPropagationModelRegistry.TryGet(id, out model))
                            LabelPropagationModelFormat.Verify(input.Header, input.State);
                        else
                            model = LabelPropagationModelRegistry.Register(id, LabelPropagationModelFormat.Read(input.Header, input.State));
                    }
                    catch (InvalidOperationException error)
                    {
                        _failure = error;
                        throw;
                    }
                }
                else if (!LabelPropagationModelRegistry.TryGet(id, out model))
                {
                    throw new InvalidOperationException("The saved label propagation state did not reach the model (internal error); load the model again.");
                }
                Volatile.Write(ref _model, model);
                return model;
            }
        }
    }
}

using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The state key mapping of a loaded model (format versions 2 and 3). ML.NET calls a factory's <c>GetMapping</c> once
/// per loaded transformer, so each loaded model has its own: it asks for the full state on its first row (so that the
/// predict mapping checks this zip's checksum once), then as long as no model with the header's content id is in
/// memory; once one is, it holds it (keeping the registry entry alive) and every row gets the empty state.
/// </summary>
internal sealed class LabelPropagationStateKeyMapping
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

/// <summary>
/// The predict mapping of a loaded model (format versions 2 and 3): its first full state is checked against the
/// checksum and becomes the model (or the model already in memory with that content id is taken), held by this
/// mapping and registered; later rows carry an empty state and use it. A checksum mismatch fails every row.
/// </summary>
internal sealed class LabelPropagationPredictMapping
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

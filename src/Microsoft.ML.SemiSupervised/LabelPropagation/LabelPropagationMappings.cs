using Microsoft.ML.SemiSupervised.Persistence;
using Rows = Microsoft.ML.SemiSupervised.LabelPropagation.LabelPropagationRows;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The state key mapping of a loaded model (format versions 2 and 3): the full state on its first row, then the empty
/// state once a model with the header's content id is in memory (<see cref="LoadedStateKey{TModel}"/>).
/// </summary>
internal sealed class LabelPropagationStateKeyMapping
{
    private readonly LoadedStateKey<LabelPropagationModel> _key = new(LabelPropagationModelFormat.State);

    public void Map(Rows.HeaderRow input, Rows.StateKeyRow output) => output.StateKey = _key.Next(input.Header);
}

/// <summary>
/// The predict mapping of a loaded model (format versions 2 and 3): its first full state is checked against the
/// checksum and becomes the model, or the model in memory with that content id is taken
/// (<see cref="LoadedModelResolver{TModel}"/>); a checksum mismatch fails every row.
/// </summary>
internal sealed class LabelPropagationPredictMapping
{
    private readonly LoadedModelResolver<LabelPropagationModel> _model = new(LabelPropagationModelFormat.State);

    public void Map(Rows.StoredRow input, Rows.PaddedPredictionRow output) =>
        Rows.Predict(_model.Get(input.Header, input.State), input.Features, output);
}

namespace Microsoft.ML.SemiSupervised.Persistence;

/// <summary>
/// The model of one loaded transformer: its first full state is checked against the checksum and becomes the model
/// (or the model already in memory with that content id is taken), held here and registered; later rows carry an
/// empty state and use it. A checksum mismatch fails every row.
/// </summary>
/// <typeparam name="TModel">The model a state stands for.</typeparam>
internal sealed class LoadedModelResolver<TModel>
    where TModel : class
{
    private readonly SavedStateFormat<TModel> _format;
    private readonly object _gate = new();
    private TModel? _model;
    private InvalidOperationException? _failure;

    public LoadedModelResolver(SavedStateFormat<TModel> format) => _format = format;

    /// <summary>The model, built or shared from the state on first use.</summary>
    /// <exception cref="InvalidOperationException">The state does not match its checksum.</exception>
    public TModel Get(double[] header, float[] state) => Volatile.Read(ref _model) ?? Resolve(header, state);

    private TModel Resolve(double[] header, float[] state)
    {
        lock (_gate)
        {
            if (_failure is not null)
                throw new InvalidOperationException(_failure.Message, _failure);
            if (_model is not null)
                return _model;
            var id = _format.ContentId(header);
            TModel? model;
            if (state.Length > 0)
            {
                try
                {
                    model = _format.ReadOrShare(id, header, state);
                }
                catch (InvalidOperationException error)
                {
                    _failure = error;
                    throw;
                }
            }
            else if (!_format.TryGet(id, out model))
            {
                throw new InvalidOperationException($"The saved {_format.Description} did not reach the model (internal error); load the model again.");
            }
            Volatile.Write(ref _model, model);
            return model;
        }
    }
}

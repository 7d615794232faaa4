namespace Microsoft.ML.SemiSupervised.Persistence;

/// <summary>
/// The state key mapping of one loaded model. ML.NET calls a factory's <c>GetMapping</c> once per loaded transformer,
/// so each loaded model has its own: it asks for the full state on its first row (so that the predict mapping checks
/// this zip's checksum once), then as long as no model with the header's content id is in memory; once one is, it
/// holds it (keeping the registry entry alive) and every row gets the empty state.
/// </summary>
/// <typeparam name="TModel">The model a state stands for.</typeparam>
internal sealed class LoadedStateKey<TModel>
    where TModel : class
{
    private readonly SavedStateFormat<TModel> _format;
    private TModel? _model;
    private int _rowsSeen;

    public LoadedStateKey(SavedStateFormat<TModel> format) => _format = format;

    /// <summary>The state key for the next row of the model whose header is <paramref name="header"/>.</summary>
    public uint Next(double[] header)
    {
        if (Interlocked.Increment(ref _rowsSeen) == 1)
            return SavedStateFormat<TModel>.FullStateKey;
        if (Volatile.Read(ref _model) is null)
        {
            if (!_format.TryGet(_format.ContentId(header), out var model))
                return SavedStateFormat<TModel>.FullStateKey;
            Volatile.Write(ref _model, model);
        }
        return SavedStateFormat<TModel>.EmptyStateKey;
    }
}

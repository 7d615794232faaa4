namespace Microsoft.ML.SemiSupervised.Persistence;

/// <summary>
/// The state key mapping of one loaded model. ML.NET calls a factory's <c>GetMapping</c> once per loaded transformer,
/// so each loaded model has its own: it gives the full state to exactly one row, its first (so that the predict
/// mapping checks this zip's checksum once and builds or shares the model); once a model with the header's content id
/// is in memory it holds it (keeping the registry entry alive) and every row gets the empty state.
/// </summary>
/// <remarks>
/// Rows arrive on several threads at once: ML.NET computes a transform's new columns on split cursors, one worker
/// thread each (at least two, whatever the number of cores), and several prediction engines may share one loaded
/// model. A row on another thread than the first row's, arriving while that row still builds the model, waits for the
/// model (<see cref="SavedStateFormat{TModel}.WaitFor"/>) instead of taking the full state a second time. It takes the
/// full state itself only when the first row's model does not arrive: its state failed the checksum (every row then
/// fails), or it did not come within <see cref="WaitLimit"/>. A row on the first row's own thread never waits: that
/// row's prediction has run (or failed) before it. The price: should the first row never predict (its cursor disposed
/// between the key and the prediction), rows on other threads wait out <see cref="WaitLimit"/> before reading the state.
/// </remarks>
/// <typeparam name="TModel">The model a state stands for.</typeparam>
internal sealed class LoadedStateKey<TModel>
    where TModel : class
{
    /// <summary>The longest a row waits for the first row's model before taking the full state itself.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly SavedStateFormat<TModel> _format;
    private readonly object _gate = new();
    private TModel? _model;
    private int _fullStateThread;
    private int _failedReadsBefore;

    public LoadedStateKey(SavedStateFormat<TModel> format) => _format = format;

    /// <summary>The state key for the next row of the model whose header is <paramref name="header"/>.</summary>
    public uint Next(double[] header)
    {
        if (Volatile.Read(ref _model) is not null)
            return SavedStateFormat<TModel>.EmptyStateKey;
        int thread = Environment.CurrentManagedThreadId;
        var id = _format.ContentId(header);
        int first, failedReadsBefore;
        lock (_gate)
        {
            if (_fullStateThread == 0)
            {
                // The failed reads of this content so far: a waiting row stops waiting when one more fails.
                _failedReadsBefore = _format.FailedReads(id);
                _fullStateThread = thread;
                return SavedStateFormat<TModel>.FullStateKey;
            }
            first = _fullStateThread;
            failedReadsBefore = _failedReadsBefore;
        }
        TModel? model;
        if (first == thread)
            _format.TryGet(id, out model);
        else
            model = _format.WaitFor(id, failedReadsBefore, WaitLimit);
        if (model is null)
            return SavedStateFormat<TModel>.FullStateKey;
        Volatile.Write(ref _model, model);
        return SavedStateFormat<TModel>.EmptyStateKey;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Microsoft.ML.SemiSupervised.Persistence;

/// <summary>
/// A saved model state (a header of doubles and a state of Singles, as label propagation's and the neural package's
/// formats write them) and the models built from such states in this process. The models are kept by content id (the
/// SHA-256 of header and state) under weak references only: the loaded transformers' mappings hold the strong ones,
/// so an entry lives exactly as long as a loaded model uses it. Two loaded copies of the same zip share one model;
/// different models never collide.
/// </summary>
/// <typeparam name="TModel">The model a state stands for.</typeparam>
internal sealed class SavedStateFormat<TModel>
    where TModel : class
{
    /// <summary>The state key that asks for the full state.</summary>
    public const uint FullStateKey = 1;

    /// <summary>The state key that asks for the empty state (the model is in memory).</summary>
    public const uint EmptyStateKey = 2;

    private readonly ConcurrentDictionary<string, WeakReference<TModel>> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failedReads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _reads = new(StringComparer.Ordinal);
    private readonly object _arrivals = new();
    private readonly Func<double[], string> _contentId;
    private readonly Action<double[], float[]> _verify;
    private readonly Func<double[], float[], TModel> _read;

    /// <param name="description">What the state is, for messages ("label propagation state").</param>
    /// <param name="contentId">The content id a header names (its checksum).</param>
    /// <param name="verify">Checks header and state against the checksum.</param>
    /// <param name="read">Checks header and state and builds the model.</param>
    public SavedStateFormat(string description, Func<double[], string> contentId, Action<double[], float[]> verify, Func<double[], float[], TModel> read)
    {
        Description = description;
        _contentId = contentId;
        _verify = verify;
        _read = read;
    }

    /// <summary>What the state is, for messages.</summary>
    public string Description { get; }

    /// <summary>The content id <paramref name="header"/> names.</summary>
    public string ContentId(double[] header) => _contentId(header);

    /// <summary>The model in memory for <paramref name="contentId"/>, if a loaded transformer still uses one.</summary>
    public bool TryGet(string contentId, [NotNullWhen(true)] out TModel? model)
    {
        model = null;
        return _models.TryGetValue(contentId, out var reference) && reference.TryGetTarget(out model);
    }

    /// <summary>How many reads of a full state with <paramref name="contentId"/> failed in this process.</summary>
    public int FailedReads(string contentId) => _failedReads.GetValueOrDefault(contentId);

    /// <summary>
    /// The model in memory for <paramref name="contentId"/>, waiting for a full state of that content that another
    /// thread is reading: null when more than <paramref name="failedReadsBefore"/> reads of that content have failed
    /// (the one waited for failed), or after <paramref name="limit"/>.
    /// </summary>
    public TModel? WaitFor(string contentId, int failedReadsBefore, TimeSpan limit)
    {
        long deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        lock (_arrivals)
        {
            int failures = failedReadsBefore;
            while (true)
            {
                if (TryGet(contentId, out var model))
                    return model;
                long remaining = deadline - Environment.TickCount64;
                if (_failedReads.GetValueOrDefault(contentId) != failures || remaining <= 0)
                    return null;
                Monitor.Wait(_arrivals, TimeSpan.FromMilliseconds(remaining));
            }
        }
    }

    /// <summary>
    /// The model of a full state: the one in memory with its content id (after checking this state against the
    /// checksum), or the one read from it, registered. One read per content id at a time: a second full state of that
    /// content (another loaded copy of the model) waits for the first read and shares its model. Wakes the rows
    /// waiting for it (<see cref="WaitFor"/>), also when the state fails.
    /// </summary>
    public TModel ReadOrShare(string contentId, double[] header, float[] state)
    {
        try
        {
            // One read per content at a time: two loaded copies of one model whose first rows arrive together on
            // ML.NET's worker threads would otherwise both build it; the second waits here and shares the first's.
            lock (_reads.GetOrAdd(contentId, _ => new object()))
            {
                if (TryGet(contentId, out var model))
                {
                    _verify(header, state);
                    return model;
                }
                return Register(contentId, _read(header, state));
            }
        }
        catch
        {
            _failedReads.AddOrUpdate(contentId, 1, (_, count) => count + 1);
            WakeWaiters();
            throw;
        }
    }

    private TModel Register(string contentId, TModel model)
    {
        while (true)
        {
            if (TryGet(contentId, out var existing))
                return existing;
            if (_models.TryGetValue(contentId, out var dead))
            {
                if (_models.TryUpdate(contentId, new WeakReference<TModel>(model), dead))
                    break;
            }
            else if (_models.TryAdd(contentId, new WeakReference<TModel>(model)))
            {
                break;
            }
        }
        RemoveCollected();
        WakeWaiters();
        return model;
    }

    private void WakeWaiters()
    {
        lock (_arrivals)
            Monitor.PulseAll(_arrivals);
    }

    /// <summary>Drops the entries whose model was collected (registrations are rare: once per loaded content).</summary>
    private void RemoveCollected()
    {
        foreach (var entry in _models)
        {
            if (!entry.Value.TryGetTarget(out _))
                _models.TryRemove(entry);
        }
    }
}

using System.Collections.Concurrent;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// The models built from saved states in this process, by content id (the SHA-256 of header and state), held by
/// weak references only: the loaded transformers' mappings hold the strong ones, so an entry lives exactly as long
/// as a loaded model uses it. Two loaded copies of the same zip share one model; different models never collide.
/// </summary>
internal static class LabelPropagationModelRegistry
{
    private static readonly ConcurrentDictionary<string, WeakReference<LabelPropagationModel>> s_models = new(StringComparer.Ordinal);

    /// <summary>The model in memory for <paramref name="contentId"/>, if a loaded transformer still uses one.</summary>
    public static bool TryGet(string contentId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelPropagationModel? model)
    {
        model = null;
        return s_models.TryGetValue(contentId, out var reference) && reference.TryGetTarget(out model);
    }

    /// <summary>Registers <paramref name="model"/> under <paramref name="contentId"/>, or returns the one already there.</summary>
    public static LabelPropagationModel Register(string contentId, LabelPropagationModel model)
    {
        while (true)
        {
            if (TryGet(contentId, out var existing))
                return existing;
            if (s_models.TryGetValue(contentId, out var dead))
            {
                if (s_models.TryUpdate(contentId, new WeakReference<LabelPropagationModel>(model), dead))
                    break;
            }
            else if (s_models.TryAdd(contentId, new WeakReference<LabelPropagationModel>(model)))
            {
                break;
            }
        }
        RemoveCollected();
        return model;
    }

    /// <summary>Drops the entries whose model was collected (registrations are rare: once per loaded content).</summary>
    private static void RemoveCollected()
    {
        foreach (var entry in s_models)
        {
            if (!entry.Value.TryGetTarget(out _))
                s_models.TryRemove(entry);
        }
    }
}

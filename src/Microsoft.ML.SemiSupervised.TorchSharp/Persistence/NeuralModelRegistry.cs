using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The networks built from saved states in this process, by content id (SHA-256 of header and state), held by weak
/// references: the loaded transformers' mappings hold the strong ones. Two loaded copies of a zip share one network.
/// </summary>
internal static class NeuralModelRegistry
{
    private static readonly ConcurrentDictionary<string, WeakReference<NeuralModel>> s_models = new(StringComparer.Ordinal);

    public static bool TryGet(string contentId, [NotNullWhen(true)] out NeuralModel? model)
    {
        model = null;
        return s_models.TryGetValue(contentId, out var reference) && reference.TryGetTarget(out model);
    }

    /// <summary>Registers <paramref name="model"/>, or returns the one already registered under <paramref name="contentId"/>.</summary>
    public static NeuralModel Register(string contentId, NeuralModel model)
    {
        while (true)
        {
            if (TryGet(contentId, out var existing))
                return existing;
            if (s_models.TryGetValue(contentId, out var dead))
            {
                if (s_models.TryUpdate(contentId, new WeakReference<NeuralModel>(model), dead))
                    break;
            }
            else if (s_models.TryAdd(contentId, new WeakReference<NeuralModel>(model)))
            {
                break;
            }
        }
        foreach (var entry in s_models)
        {
            if (!entry.Value.TryGetTarget(out _))
                s_models.TryRemove(entry);
        }
        return model;
    }
}

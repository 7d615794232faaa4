namespace Microsoft.ML.SemiSupervised.Data;

/// <summary>
/// Returns a large fit's garbage to the system at the boundaries of its steps, so that the memory a fit needs is what
/// its steps hold (what <see cref="LabelPropagation.LabelPropagationMemoryPlan"/> adds up), not what the collector chose
/// to keep. Left alone, the collector lets the large object heap grow by several times what survived its last full
/// collection before it collects again: a 10M-row fit held 18.5 GB resident for about 6 GB of live arrays.
/// </summary>
internal static class FitMemory
{
    /// <summary>The garbage under which a step boundary does not collect: small fits (and the tests) never pay for a collection.</summary>
    public const long CollectionThreshold = 64L << 20;

    /// <summary>
    /// A step has just dropped about <paramref name="garbageBytes"/> of arrays: when that is large, collects them and
    /// gives the free memory back (a blocking, compacting full collection, which costs a fraction of a second at 10M
    /// rows: the heap is a few large arrays of numbers, nothing to trace inside them).
    /// </summary>
    public static void Release(long garbageBytes)
    {
        if (garbageBytes >= CollectionThreshold)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}

using System.Runtime;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Holds the garbage collector off for one epoch (a no-GC region), when the runtime grants it. TorchSharp turns numbers
/// into native Scalars whose managed wrappers can be finalized while LibTorch still reads them (the 1 of every
/// <c>a + b</c>, batch normalization's step count); a collection during a native call then corrupts that call ("Expected
/// false to be true" at Scalar.h, "Unknown scalar type"). Without collections during the epoch's native calls, no
/// wrapper is finalized under them. The epoch's garbage is collected after it.
/// </summary>
internal sealed class CollectionPause : IDisposable
{
    private const long Budget = 192L * 1024 * 1024;
    private readonly bool _paused;

    public CollectionPause()
    {
        try
        {
            _paused = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or InvalidOperationException)
        {
            _paused = false;
        }
    }

    public void Dispose()
    {
        if (_paused && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The region ended by itself (its budget ran out); nothing to end.
            }
        }
    }
}

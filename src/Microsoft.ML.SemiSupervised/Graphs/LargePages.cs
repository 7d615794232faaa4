using System.Runtime.InteropServices;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// Arrays that a search reads at random, backed by 2 MB pages where the system allows it. A graph search over a
/// million rows touches a new 4 KB page at almost every row it reads, and the processor's page-table cache holds a
/// few thousand pages: most reads pay a page walk. Linux backs memory by 2 MB pages (transparent huge pages) when the
/// kernel is set to <c>always</c>, or to <c>madvise</c> and the program asks, as this type does with
/// <c>madvise(MADV_HUGEPAGE)</c> on a pinned array before its pages are first written. Only a hint: elsewhere, or when
/// the call is not available or refused, the arrays are ordinary ones, and the contents are the same either way.
/// </summary>
internal static unsafe class LargePages
{
    private const int HugePage = 1 << 21;
    private const int AdviseHugePage = 14; // MADV_HUGEPAGE in Linux's mman-common.h

    private static readonly delegate* unmanaged<nint, nuint, int, int> s_madvise = FindMadvise();

    /// <summary>
    /// A zeroed array of <paramref name="length"/> elements; when it spans at least two 2 MB pages, pinned and offered
    /// to the kernel for 2 MB pages.
    /// </summary>
    public static T[] Allocate<T>(long length)
        where T : unmanaged
    {
        if (length * sizeof(T) < 2L * HugePage || s_madvise == null)
            return new T[length];
        var array = GC.AllocateUninitializedArray<T>(checked((int)length), pinned: true);
        fixed (T* start = array)
        {
            long first = ((long)start + HugePage - 1) & ~(long)(HugePage - 1);
            long end = ((long)start + (long)length * sizeof(T)) & ~(long)(HugePage - 1);
            if (end > first)
                _ = s_madvise((nint)first, (nuint)(end - first), AdviseHugePage); // a refusal leaves 4 KB pages
        }
        Array.Clear(array); // the first write: the pages are faulted in after the advice
        return array;
    }

    private static delegate* unmanaged<nint, nuint, int, int> FindMadvise()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        foreach (var name in new[] { "libc.so.6", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "madvise", out var function))
                return (delegate* unmanaged<nint, nuint, int, int>)function;
        }
        return null;
    }
}

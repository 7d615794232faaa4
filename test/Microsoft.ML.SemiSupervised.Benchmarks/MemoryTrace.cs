using System.Diagnostics;
using System.Globalization;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The memory of the process step by step: a thread samples the resident set (<c>/proc/self/statm</c>) and the managed
/// heap every 20 ms, and each <see cref="Line"/> (called with a step's log message when the step ends) prints the
/// step's highest resident set and heap since the previous line, beside the wall and CPU time. With <c>live</c> the line
/// first forces a full collection, so the heap it prints is the bytes still reachable when the step ends (what the
/// memory plan counts), at the cost of changing when the collector runs.
/// </summary>
public sealed class MemoryTrace : IDisposable
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly bool _live;
    private readonly Thread _sampler;
    private readonly long _pageSize = Environment.SystemPageSize;
    private volatile bool _stopped;
    private long _stepResident;
    private long _stepHeap;

    /// <summary>Starts sampling.</summary>
    public MemoryTrace(bool live)
    {
        _live = live;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "MemoryTrace" };
        _sampler.Start();
    }

    /// <summary>The highest resident set seen since the trace started, in bytes.</summary>
    public long PeakResident { get; private set; }

    /// <summary>The resident set now, in bytes (<c>/proc/self/statm</c>'s second field).</summary>
    public long Resident()
    {
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * _pageSize;
    }

    /// <summary>Prints <paramref name="message"/> with the step's highest resident set and heap, then starts the next step.</summary>
    public void Line(string message)
    {
        long resident = Resident();
        long heap = GC.GetTotalMemory(false);
        long stepResident = Math.Max(Interlocked.Exchange(ref _stepResident, resident), resident);
        long stepHeap = Math.Max(Interlocked.Exchange(ref _stepHeap, heap), heap);
        string live = "";
        if (_live)
        {
            long reachable = GC.GetTotalMemory(forceFullCollection: true);
            live = $", live {reachable / 1e9,6:0.000} GB";
            Interlocked.Exchange(ref _stepResident, Resident());
            Interlocked.Exchange(ref _stepHeap, reachable);
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "[{0,7:0.0} s wall, {1,7:0.0} s CPU, step peak RSS {2,6:0.000} GB, heap {3,6:0.000} GB{4}, gen2 GCs {5}] {6}",
            _watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - _cpuStart).TotalSeconds,
            stepResident / 1e9, stepHeap / 1e9, live, GC.CollectionCount(2), message));
    }

    private void Sample()
    {
        while (!_stopped)
        {
            long resident = Resident();
            long heap = GC.GetTotalMemory(false);
            Raise(ref _stepResident, resident);
            Raise(ref _stepHeap, heap);
            PeakResident = Math.Max(PeakResident, resident);
            Thread.Sleep(20);
        }
    }

    private static void Raise(ref long target, long value)
    {
        long seen = Volatile.Read(ref target);
        while (value > seen)
        {
            long before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
                return;
            seen = before;
        }
    }

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        _stopped = true;
        _sampler.Join();
    }
}

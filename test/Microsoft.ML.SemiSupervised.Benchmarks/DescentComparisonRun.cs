using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The fit's neighbour search alone, before and after side by side: NN-descent over N generated rows (the blobs of
/// <see cref="LabelPropagationData"/>, 9 neighbours kept 18 long as label spreading with k = 10 asks), the frozen
/// <see cref="BaselineNearestNeighborDescent"/> and the library's <see cref="NearestNeighborDescent"/> alternating,
/// ROUNDS times each; prints wall time, the process's CPU time, managed allocation and the recall of the 9 nearest
/// against exact search on a sample of 1,000 rows; the library's run also prints its phases:
/// <c>Microsoft.ML.SemiSupervised.Benchmarks descent-compare N [ROUNDS] [old|new|both] [candidates=M] [stop=F] [passes=P] [reach=R] [trees=T] [window=0] [workers=W]</c>
/// (defaults 1,000,000, 2, both, the library's own candidates and stop fraction; one side alone serves peak memory
/// under <c>/usr/bin/time -v</c>; <c>window=0</c> starts the lists without the rows around each in leaf order, <c>workers</c> caps the
/// threads). Each fit prints a fingerprint of its lists (equal runs print the same). Each phase line of the library's run gives its wall time and the process's CPU time.
/// </summary>
public static class DescentComparisonRun
{
    private const int Wanted = 9;
    private const int SampleSize = 1000;

    /// <summary>Runs the comparison and prints one line per fit.</summary>
    public static int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        string only = args.Length > 2 && args[2] != "both" ? args[2] : "";
        int candidates = int.Parse(Option(args, "candidates=") ?? "0", CultureInfo.InvariantCulture);
        double stopFraction = double.Parse(Option(args, "stop=") ?? NearestNeighborDescent.StopFraction.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var rows = LabelPropagationData.Generate(count).Features;
        var points = new PointSet(rows.SelectMany(r => r).ToArray(), rows[0].Length);
        rows = null;
        var sample = Enumerable.Range(0, SampleSize).Select(i => (int)((long)i * count / SampleSize)).ToArray();
        var exact = new int[SampleSize][];
        Parallel.For(0, SampleSize, s =>
        {
            var indices = new int[Wanted + 1];
            ExactNeighborSearch.Query(points, points[sample[s]], indices, new float[Wanted + 1]);
            exact[s] = indices.Where(j => j != sample[s]).Take(Wanted).ToArray();
        });
        Console.WriteLine($"n={count}, {points.Dimension} features, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        for (int round = 1; round <= rounds; round++)
        {
            foreach (string side in new[] { "old", "new" })
            {
                if (only.Length > 0 && only != side)
                    continue;
                GC.Collect();
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var phaseCpu = cpu;
                void Log(string message)
                {
                    var now = Process.GetCurrentProcess().TotalProcessorTime;
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "    {0} ({1:0.00} s CPU)", message, (now - phaseCpu).TotalSeconds));
                    phaseCpu = now;
                }
                var lists = side == "old"
                    ? BaselineNearestNeighborDescent.SearchLong(points, Wanted, seed: 1, out _)
                    : NearestNeighborDescent.SearchLong(points, Wanted, seed: 1, out _, candidates: candidates, stopFraction: stopFraction, refinePasses: int.Parse(Option(args, "passes=") ?? NearestNeighborDescent.RefinePasses.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), refineReach: int.Parse(Option(args, "reach=") ?? "0", CultureInfo.InvariantCulture),
                        seedingTrees: int.Parse(Option(args, "trees=") ?? NearestNeighborDescent.InitialTreeCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                        window: Option(args, "window=") != "0", workers: int.Parse(Option(args, "workers=") ?? "0", CultureInfo.InvariantCulture), log: Log);
                double wall = watch.Elapsed.TotalSeconds;
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                long bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                long found = 0;
                for (int s = 0; s < SampleSize; s++)
                {
                    var mine = lists.Indices.AsSpan(sample[s] * lists.K, Wanted);
                    foreach (int j in exact[s])
                        found += mine.Contains(j) ? 1 : 0;
                }
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "round {0} {1}: {2:0.00} s wall, {3:0.00} s CPU, {4:N0} MB allocated, recall@{5} {6:P2}, lists {7:x16}, load {8}",
                    round, side, wall, cpuSeconds, bytes / 1e6, Wanted, (double)found / (SampleSize * Wanted), Fingerprint(lists), LoadAverage()));
            }
        }
        return 0;
    }

    /// <summary>FNV-1a over the lists' indices and distances' bits: equal runs print the same number.</summary>
    private static ulong Fingerprint(NeighborLists lists)
    {
        ulong hash = 14695981039346656037UL;
        for (long e = 0; e < lists.Indices.LongLength; e++)
        {
            hash = unchecked((hash ^ (uint)lists.Indices[e]) * 1099511628211UL);
            hash = unchecked((hash ^ BitConverter.SingleToUInt32Bits(lists.SquaredDistances[e])) * 1099511628211UL);
        }
        return hash;
    }

    private static string? Option(string[] args, string name) =>
        args.FirstOrDefault(a => a.StartsWith(name, StringComparison.Ordinal))?[name.Length..];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

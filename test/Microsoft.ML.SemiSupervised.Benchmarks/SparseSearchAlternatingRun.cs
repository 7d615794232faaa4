using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.SemiSupervised.Data;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Labels;
using Microsoft.ML.SemiSupervised.Tests.Infrastructure;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The sparse exact search on featurized support tickets (the tests' generator, <c>FeaturizeText</c> defaults: unit rows,
/// so Euclidean order is cosine order), its two passes side by side, alternating in one process so that the machine's
/// load falls on both alike: row by row (each pair's dot product from both ends) and the symmetric pass (each pair
/// once). Reports wall and process CPU time of each, and checks that both find the same neighbours:
/// <c>dotnet run -c Release --project test/Microsoft.ML.SemiSupervised.Benchmarks -- sparse-search N [ROUNDS] [K]</c>
/// (defaults 3 rounds, K = 9: the text options' 10 neighbours with the row itself).
/// </summary>
public static class SparseSearchAlternatingRun
{
    /// <summary>Featurizes N tickets, then times the two passes alternately.</summary>
    public static int Run(string[] args)
    {
        int count = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        int k = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9;
        var ml = new MLContext(seed: 1);
        var tickets = TicketTexts.Generate(count, 0.03, seed: 7);
        var raw = ml.Data.LoadFromEnumerable(tickets);
        var data = ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(raw).Transform(raw);
        var rows = SparseLabeledRows.Load(data, "Features", "Label", LabelTask.Multiclass, long.MaxValue).Features;
        var watch = Stopwatch.StartNew();
        var search = new SparseNeighborSearch(rows);
        Console.WriteLine($"n={rows.Count}, {rows.Dimension} slots, {rows.EntryCount / (double)rows.Count:0.0} non-zeros a row; index built in {watch.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine(PostingStatistics(rows));

        NeighborLists? eachRow = null, allPairs = null;
        for (int round = 0; round < rounds; round++)
        {
            eachRow = Time($"round {round + 1} row by row  ", () => search.SearchEachRow(k));
            allPairs = Time($"round {round + 1} symmetric   ", () => search.SearchAllPairs(k));
        }
        Console.WriteLine(Compare(eachRow!, allPairs!));
        Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static NeighborLists Time(string name, Func<NeighborLists> search)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = search();
        watch.Stop();
        process.Refresh();
        Console.WriteLine($"{name}: wall {watch.Elapsed.TotalSeconds,7:0.00} s, process CPU {(process.TotalProcessorTime - cpu).TotalSeconds,7:0.00} s");
        return result;
    }

    /// <summary>How many pairs share a slot (posting work of one side of each pair) and the longest posting lists.</summary>
    private static string PostingStatistics(SparseRows rows)
    {
        var lengths = new long[rows.Dimension];
        foreach (var slot in rows.Indices.AsSpan(0, (int)rows.EntryCount))
            lengths[slot]++;
        double work = lengths.Sum(l => l * (l - 1) / 2.0);
        var longest = lengths.OrderDescending().Take(5).ToArray();
        long over10 = lengths.Count(l => l > rows.Count / 10);
        // What skipping those common slots would risk: a pair's dot product over them is at most |x_S| |y_S| (Cauchy-Schwarz).
        var share = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var slots = rows.RowIndices(i);
            var values = rows.RowValues(i);
            double common = 0;
            for (int e = 0; e < slots.Length; e++)
                common += lengths[slots[e]] > rows.Count / 10 ? (double)values[e] * values[e] : 0;
            share[i] = rows.SquaredNorms[i] > 0 ? common / rows.SquaredNorms[i] : 0;
        }
        double meanBound = share.Select(Math.Sqrt).Average() * share.Select(Math.Sqrt).Average();
        return $"posting work (pairs sharing a slot, with multiplicity) {work:0.00e0} = {work / ((double)rows.Count * (rows.Count - 1) / 2):0.0} per pair; " +
            $"longest lists {string.Join(", ", longest)}; {over10} slots in more than a tenth of the rows, holding {share.Average():P1} of a row's squared length " +
            $"on average (the Cauchy-Schwarz bound on a pair's dot product over them, |x_S| |y_S|, averages {meanBound:0.000} over pairs)";
    }

    /// <summary>Whether both passes found the same neighbours: lists equal as sets, distances within 1e-5.</summary>
    private static string Compare(NeighborLists a, NeighborLists b)
    {
        int k = a.K, sameSets = 0, sameDistances = 0;
        for (int i = 0; i < a.RowCount; i++)
        {
            var ai = a.Indices.AsSpan(i * k, k).ToArray();
            var bi = b.Indices.AsSpan(i * k, k).ToArray();
            sameSets += ai.Order().SequenceEqual(bi.Order()) ? 1 : 0;
            bool close = true;
            for (int t = 0; t < k; t++)
                close &= Math.Abs(a.SquaredDistances[i * k + t] - b.SquaredDistances[i * k + t]) <= 1e-5;
            sameDistances += close ? 1 : 0;
        }
        return $"same neighbour sets: {sameSets} of {a.RowCount} rows; same distances (1e-5): {sameDistances} of {a.RowCount} rows";
    }
}

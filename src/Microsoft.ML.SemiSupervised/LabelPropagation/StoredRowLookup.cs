using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// Finds the stored rows with exactly the features of a row, and gives the answer for those features. Rows with
/// equal features are one point to the transform: when one of them is labeled, the labeled ones decide (the mean of
/// their distributions, so under label propagation a labeled row keeps its clamped label); otherwise the mean of
/// the distributions of the ones a label reached; all zeros when none was reached.
/// </summary>
internal sealed class StoredRowLookup
{
    private readonly PointSet _points;
    private readonly float[] _distributions;
    private readonly int _classCount;
    private readonly int[] _table;
    private readonly Dictionary<int, float[]> _duplicates;

    /// <param name="points">The stored rows.</param>
    /// <param name="distributions">Each stored row's distribution, row-major.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="labeled">Whether each stored row had a label; null when unknown (format version 1), as if none had.</param>
    public StoredRowLookup(PointSet points, float[] distributions, int classCount, bool[]? labeled)
    {
        _points = points;
        _distributions = distributions;
        _classCount = classCount;
        var first = new int[points.Count];
        _table = BuildTable(points, first);
        _duplicates = ResolveDuplicates(first, distributions, classCount, labeled);
    }

    /// <summary>Whether a stored row has exactly <paramref name="features"/>; if so, <paramref name="distribution"/> is the answer for them.</summary>
    public bool TryFind(ReadOnlySpan<float> features, out ReadOnlySpan<float> distribution)
    {
        int first = FirstRow(features);
        if (first < 0)
        {
            distribution = default;
            return false;
        }
        distribution = _duplicates.TryGetValue(first, out var shared) ? shared : _distributions.AsSpan(first * _classCount, _classCount);
        return true;
    }

    /// <summary>The first stored row with exactly these features, or -1.</summary>
    private int FirstRow(ReadOnlySpan<float> features)
    {
        int mask = _table.Length - 1;
        for (int slot = Hash(features) & mask; ; slot = (slot + 1) & mask)
        {
            int row = _table[slot] - 1;
            if (row < 0)
                return -1;
            if (features.SequenceEqual(_points[row]))
                return row;
        }
    }

    /// <summary>
    /// The rule of this type for any row store: given each stored row's group (the first row with the same features),
    /// the answer of every group of two or more rows, under the group's first row.
    /// </summary>
    /// <param name="first">Each row's group: the first stored row with exactly its features.</param>
    /// <param name="distributions">Each stored row's distribution, row-major.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="labeled">Whether each stored row had a label; null when unknown, as if none had.</param>
    public static Dictionary<int, float[]> ResolveDuplicates(int[] first, float[] distributions, int classCount, bool[]? labeled)
    {
        int n = first.Length;
        var size = new int[n];
        bool any = false;
        for (int row = 0; row < n; row++)
            any |= ++size[first[row]] > 1;
        var result = new Dictionary<int, float[]>();
        if (!any)
            return result;
        var labeledSums = new Dictionary<int, (double[] Sum, int Count)>();
        var reachedSums = new Dictionary<int, (double[] Sum, int Count)>();
        for (int row = 0; row < n; row++)
        {
            if (size[first[row]] < 2)
                continue;
            var distribution = distributions.AsSpan(row * classCount, classCount);
            if (labeled is not null && labeled[row])
                Add(labeledSums, first[row], distribution, classCount);
            else if (LabelPropagationModel.ArgMax(distribution) >= 0)
                Add(reachedSums, first[row], distribution, classCount);
        }
        for (int row = 0; row < n; row++)
        {
            if (first[row] != row || size[row] < 2)
                continue;
            var mean = new float[classCount];
            if (labeledSums.TryGetValue(row, out var sum) || reachedSums.TryGetValue(row, out sum))
            {
                for (int c = 0; c < classCount; c++)
                    mean[c] = (float)(sum.Sum[c] / sum.Count);
            }
            result[row] = mean;
        }
        return result;
    }

    private static void Add(Dictionary<int, (double[] Sum, int Count)> sums, int group, ReadOnlySpan<float> distribution, int classCount)
    {
        if (!sums.TryGetValue(group, out var entry))
            entry = (new double[classCount], 0);
        for (int c = 0; c < classCount; c++)
            entry.Sum[c] += distribution[c];
        sums[group] = (entry.Sum, entry.Count + 1);
    }

    /// <summary>
    /// The open-addressing table of the first row of each distinct feature vector (row + 1, 0 for an empty slot), and
    /// in <paramref name="first"/> each row's group: the first row with exactly its features. The hashes are computed in
    /// parallel (into <paramref name="first"/>), the rows inserted in order, so the table does not depend on timing.
    /// </summary>
    private static int[] BuildTable(PointSet points, int[] first)
    {
        int size = 1;
        while (size < points.Count * 2)
            size <<= 1;
        var table = new int[size];
        int mask = size - 1;
        Parallel.For(0, (points.Count + HashBlockRows - 1) / HashBlockRows, block =>
        {
            int end = Math.Min(points.Count, (block + 1) * HashBlockRows);
            for (int row = block * HashBlockRows; row < end; row++)
                first[row] = Hash(points[row]);
        });
        for (int row = 0; row < points.Count; row++)
        {
            var features = points[row];
            for (int slot = first[row] & mask; ; slot = (slot + 1) & mask)
            {
                int existing = table[slot] - 1;
                if (existing < 0)
                {
                    table[slot] = row + 1;
                    first[row] = row;
                    break;
                }
                if (features.SequenceEqual(points[existing]))
                {
                    first[row] = existing;
                    break;
                }
            }
        }
        return table;
    }

    /// <summary>The rows a parallel block of <see cref="BuildTable"/> hashes.</summary>
    private const int HashBlockRows = 16384;

    private static int Hash(ReadOnlySpan<float> features)
    {
        var hash = new HashCode();
        foreach (var value in features)
            hash.Add(value == 0 ? 0f : value);
        return hash.ToHashCode() & int.MaxValue;
    }
}

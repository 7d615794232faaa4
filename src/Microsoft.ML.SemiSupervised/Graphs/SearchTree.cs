namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// A random projection tree kept for queries: each inner node splits its rows by the hyperplane halfway between two
/// of them (stored as the two row numbers, so the tree costs four integers a node), each leaf lists its rows. A query
/// descends to one leaf, whose rows are a good start for a graph search (<see cref="NeighborGraphIndex"/>): near the
/// query, and in the right cluster even when the neighbour graph does not connect the clusters.
/// </summary>
internal sealed class SearchTree
{
    private readonly int[] _splitA;
    private readonly int[] _splitB;
    private readonly int[] _children; // two per inner node: an inner node's number, or ~leaf for a leaf
    private readonly int[] _leafStarts;
    private readonly int[] _leafRows;

    private SearchTree(int[] splitA, int[] splitB, int[] children, int[] leafStarts, int[] leafRows)
    {
        _splitA = splitA;
        _splitB = splitB;
        _children = children;
        _leafStarts = leafStarts;
        _leafRows = leafRows;
    }

    /// <summary>The number of inner nodes (0: the tree is one leaf).</summary>
    public int NodeCount => _splitA.Length;

    /// <summary>The number of leaves.</summary>
    public int LeafCount => _leafStarts.Length - 1;

    /// <summary>Every row once, leaf after leaf in tree order (left before right).</summary>
    public ReadOnlySpan<int> LeafRows => _leafRows;

    /// <summary>
    /// Builds the tree over every row of <paramref name="points"/>, splitting until a leaf holds at most
    /// <paramref name="leafSize"/> rows (<see cref="RandomProjectionTree.Build"/>, on the cores
    /// <paramref name="options"/> allows); the same rows and seed give the same tree on any number of cores.
    /// </summary>
    public static SearchTree Build(PointSet points, int leafSize, int seed, ParallelOptions? options = null)
    {
        var shape = RandomProjectionTree.Build(points, leafSize, seed, halveWhenNoSplit: false, options);
        return new SearchTree(shape.SplitA, shape.SplitB, shape.Children, shape.LeafStarts, shape.Rows);
    }

    /// <summary>The rows of the leaf <paramref name="query"/> falls into.</summary>
    public ReadOnlySpan<int> Leaf(PointSet points, ReadOnlySpan<float> query)
    {
        var (start, length) = LeafRange(points, query);
        return _leafRows.AsSpan(start, length);
    }

    /// <summary>Where in <see cref="LeafRows"/> the rows of the leaf <paramref name="query"/> falls into are.</summary>
    public (int Start, int Length) LeafRange(PointSet points, ReadOnlySpan<float> query)
    {
        int node = NodeCount == 0 ? ~0 : 0;
        while (node >= 0)
            node = _children[2 * node + (Margin(points[_splitA[node]], points[_splitB[node]], query) < 0 ? 0 : 1)];
        int leaf = ~node;
        return (_leafStarts[leaf], _leafStarts[leaf + 1] - _leafStarts[leaf]);
    }

    /// <summary>
    /// The side of <paramref name="x"/> (negative: left) of the hyperplane halfway between rows a and b: the sign of
    /// (a - b) . ((x - a) + (x - b)), from the differences (exact in double), so rows sharing a large offset split as well.
    /// The build (<see cref="RandomProjectionTree.Build"/>) adds the same terms four at a time: the two differ only in
    /// the last bits of a margin, so only a row on the hyperplane itself may go the other way.
    /// </summary>
    private static double Margin(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> x)
    {
        double margin = 0;
        for (int d = 0; d < x.Length; d++)
            margin += ((double)a[d] - b[d]) * (((double)x[d] - a[d]) + ((double)x[d] - b[d]));
        return margin;
    }

    /// <summary>The tree as integers: node count, leaf count, then split rows, children, leaf starts and leaf rows.</summary>
    public int[] ToIntegers()
    {
        var values = new List<int>(2 + 4 * NodeCount + _leafStarts.Length + _leafRows.Length) { NodeCount, LeafCount };
        values.AddRange(_splitA);
        values.AddRange(_splitB);
        values.AddRange(_children);
        values.AddRange(_leafStarts);
        values.AddRange(_leafRows);
        return values.ToArray();
    }

    /// <summary>
    /// The tree <see cref="ToIntegers"/> wrote, checked to describe a tree over <paramref name="rowCount"/> rows; null
    /// when it does not (never from a checksummed state, but no row number is used before it is checked).
    /// </summary>
    public static SearchTree? FromIntegers(ReadOnlySpan<int> values, int rowCount, out int length)
    {
        length = 0;
        if (values.Length < 2)
            return null;
        int nodes = values[0], leaves = values[1];
        long needed = 2 + 4L * nodes + (leaves + 1L) + rowCount;
        if (nodes < 0 || leaves < 1 || leaves != nodes + 1 || needed > values.Length)
            return null;
        int at = 2;
        var splitA = values.Slice(at, nodes).ToArray();
        var splitB = values.Slice(at += nodes, nodes).ToArray();
        var children = values.Slice(at += nodes, 2 * nodes).ToArray();
        var leafStarts = values.Slice(at += 2 * nodes, leaves + 1).ToArray();
        var leafRows = values.Slice(at += leaves + 1, rowCount).ToArray();
        length = (int)needed;
        bool valid = splitA.All(r => r >= 0 && r < rowCount) && splitB.All(r => r >= 0 && r < rowCount)
            && children.Select((c, i) => c >= 0 ? c > i / 2 && c < nodes : ~c < leaves).All(ok => ok)
            && leafStarts[0] == 0 && leafStarts[leaves] == rowCount && leafRows.All(r => r >= 0 && r < rowCount);
        for (int leaf = 0; valid && leaf < leaves; leaf++)
            valid = leafStarts[leaf] <= leafStarts[leaf + 1];
        return valid ? new SearchTree(splitA, splitB, children, leafStarts, leafRows) : null;
    }
}

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// A query's descent of a <see cref="SearchTree"/> on a copy of its splits: each inner node's two split rows side by
/// side, in node order (8 bytes a feature a node: 7.3 MB at a million rows of 20 features in leaves of 32). The tree
/// reads the split rows from the stored rows, two random rows a level (about 15 levels at a million rows, each a miss of
/// its own); here a node is one block and the upper levels, which every query reads, stay in the cache. The margins are
/// computed as the tree computes them, so a query reaches the same leaf.
/// </summary>
internal sealed class TreeDescent
{
    private readonly float[] _splits; // node i's rows a and b at 2 * i * dimension
    private readonly int[] _children; // two per inner node: an inner node's number, or ~leaf for a leaf
    private readonly int[] _leafStarts;
    private readonly int _dimension;

    private TreeDescent(float[] splits, int[] children, int[] leafStarts, int dimension)
    {
        _splits = splits;
        _children = children;
        _leafStarts = leafStarts;
        _dimension = dimension;
    }

    /// <summary>
    /// The descent of <paramref name="tree"/> over <paramref name="points"/> (the rows it was built on); null when the
    /// copy would not fit one array (the tree's own descent serves then).
    /// </summary>
    public static TreeDescent? Create(SearchTree tree, PointSet points)
    {
        if (2L * tree.NodeCount * points.Dimension > Array.MaxLength)
            return null;
        var values = tree.ToIntegers(); // node count, leaf count, split rows a, split rows b, children, leaf starts, leaf rows
        int nodes = values[0], leaves = values[1], d = points.Dimension;
        var splits = new float[2L * nodes * d];
        for (int node = 0; node < nodes; node++)
        {
            points[values[2 + node]].CopyTo(splits.AsSpan(2 * node * d, d));
            points[values[2 + nodes + node]].CopyTo(splits.AsSpan((2 * node + 1) * d, d));
        }
        var children = values.AsSpan(2 + 2 * nodes, 2 * nodes).ToArray();
        var leafStarts = values.AsSpan(2 + 4 * nodes, leaves + 1).ToArray();
        return new TreeDescent(splits, children, leafStarts, d);
    }

    /// <summary>The bytes of the copy.</summary>
    public long Bytes => 4L * (_splits.LongLength + _children.Length + _leafStarts.Length);

    /// <summary>As <see cref="SearchTree.LeafRange"/>: where in the tree's leaf rows the leaf <paramref name="query"/> falls into is.</summary>
    public (int Start, int Length) LeafRange(ReadOnlySpan<float> query)
    {
        int d = _dimension;
        int node = _children.Length == 0 ? ~0 : 0;
        while (node >= 0)
        {
            var a = _splits.AsSpan(2 * node * d, d);
            var b = _splits.AsSpan((2 * node + 1) * d, d);
            // SearchTree's margin, term for term: the sign of (a - b) . ((x - a) + (x - b)), in double.
            double margin = 0;
            for (int f = 0; f < d; f++)
                margin += ((double)a[f] - b[f]) * (((double)query[f] - a[f]) + ((double)query[f] - b[f]));
            node = _children[2 * node + (margin < 0 ? 0 : 1)];
        }
        int leaf = ~node;
        return (_leafStarts[leaf], _leafStarts[leaf + 1] - _leafStarts[leaf]);
    }
}

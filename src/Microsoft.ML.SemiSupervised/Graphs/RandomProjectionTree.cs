using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// A random projection tree: splits the rows in two by the hyperplane halfway between two random rows, recursively,
/// until each leaf holds at most a given number of rows. Rows in one leaf tend to be near one another, which makes
/// the leaves a good starting guess for nearest neighbours and a cache-friendly order for the rows. One builder serves
/// the seeding trees of NN-descent (<see cref="Leaves"/>) and the tree kept for queries (<see cref="SearchTree"/>).
/// </summary>
/// <remarks>
/// The rows are split in place in one array of row numbers (4 bytes a row), each row's side computed once a level from
/// the differences to the two rows (exact in double, four at a time); subtrees of at least <see cref="ForkSize"/> rows
/// grow side by side. Each node draws its two rows from a hash of the seed and the node's place (its first row and
/// depth), not from a shared random stream, so one seed gives the same tree on any number of cores.
/// </remarks>
internal static class RandomProjectionTree
{
    /// <summary>Subtrees of at least this many rows grow side by side with their sibling.</summary>
    private const int ForkSize = 1 << 15;

    /// <summary>Pairs of rows tried before a node is given up as unsplittable (equal rows).</summary>
    private const int Attempts = 3;

    /// <summary>How far ahead of the split's read the rows are asked for (rows whose numbers are known).</summary>
    private const int PrefetchDistance = 8;

    /// <summary>
    /// The leaves: every row exactly once in the returned array, grouped by leaf, leaves in tree order (left before
    /// right); leaf <c>l</c> is <c>rows[leafStarts[l] .. leafStarts[l + 1] - 1]</c>, and <paramref name="leafStarts"/>
    /// ends with the row count. Rows no hyperplane separates (equal rows) are halved as they stand, so every leaf
    /// holds at most <paramref name="leafSize"/> rows. The same rows and seed give the same leaves.
    /// </summary>
    public static int[] Leaves(PointSet points, int leafSize, Random random, List<int> leafStarts, ParallelOptions? options = null)
    {
        var shape = Build(points, leafSize, random.Next(), halveWhenNoSplit: true, options);
        leafStarts.Clear();
        leafStarts.AddRange(shape.LeafStarts);
        return shape.Rows;
    }

    /// <summary>
    /// Builds a tree over every row of <paramref name="points"/>, splitting until a leaf holds at most
    /// <paramref name="leafSize"/> rows. A node whose rows no pair of its rows separates becomes a leaf, or, with
    /// <paramref name="halveWhenNoSplit"/>, is halved as its rows stand (a node without a hyperplane: rows -1).
    /// </summary>
    public static Shape Build(PointSet points, int leafSize, int seed, bool halveWhenNoSplit, ParallelOptions? options = null)
    {
        var builder = new Builder(points, Math.Max(1, leafSize), seed, halveWhenNoSplit, options ?? new ParallelOptions());
        var parts = new TreeParts();
        builder.Grow(0, points.Count, 0, parts);
        var leafStarts = new int[parts.LeafEnds.Count + 1];
        parts.LeafEnds.CopyTo(leafStarts, 1);
        return new Shape(builder.Rows, leafStarts, parts.SplitA.ToArray(), parts.SplitB.ToArray(), parts.Children.ToArray());
    }

    /// <summary>
    /// A built tree: every row once, leaf after leaf (<see cref="Rows"/>; leaf <c>l</c> from <c>LeafStarts[l]</c> to
    /// <c>LeafStarts[l + 1]</c>), and the inner nodes in depth-first order (left first): the two rows of each node's
    /// hyperplane and two children a node (an inner node's number, or ~leaf).
    /// </summary>
    public readonly record struct Shape(int[] Rows, int[] LeafStarts, int[] SplitA, int[] SplitB, int[] Children);

    /// <summary>The nodes and leaves of a part of the tree, numbered depth first, left first.</summary>
    private sealed class TreeParts
    {
        public List<int> SplitA { get; } = [];

        public List<int> SplitB { get; } = [];

        public List<int> Children { get; } = [];

        public List<int> LeafEnds { get; } = [];

        public int AddNode(int a, int b)
        {
            SplitA.Add(a);
            SplitB.Add(b);
            Children.Add(0);
            Children.Add(0);
            return SplitA.Count - 1;
        }

        public int AddLeaf(int end)
        {
            LeafEnds.Add(end);
            return ~(LeafEnds.Count - 1);
        }

        /// <summary>Appends a part grown apart (its numbers moved past these); returns its root's new number.</summary>
        public int Append(TreeParts other, int root)
        {
            int nodeOffset = SplitA.Count, leafOffset = LeafEnds.Count;
            SplitA.AddRange(other.SplitA);
            SplitB.AddRange(other.SplitB);
            foreach (int child in other.Children)
                Children.Add(Moved(child));
            LeafEnds.AddRange(other.LeafEnds);
            return Moved(root);

            int Moved(int child) => child >= 0 ? child + nodeOffset : ~(~child + leafOffset);
        }
    }

    private sealed class Builder
    {
        private readonly PointSet _points;
        private readonly int _leafSize;
        private readonly ulong _seed;
        private readonly bool _halveWhenNoSplit;
        private readonly ParallelOptions _options;

        public Builder(PointSet points, int leafSize, int seed, bool halveWhenNoSplit, ParallelOptions options)
        {
            _points = points;
            _leafSize = leafSize;
            _seed = (ulong)(uint)seed;
            _halveWhenNoSplit = halveWhenNoSplit;
            _options = options;
            Rows = new int[points.Count];
            for (int i = 0; i < Rows.Length; i++)
                Rows[i] = i;
        }

        /// <summary>The row numbers, split in place: leaf after leaf once grown.</summary>
        public int[] Rows { get; }

        /// <summary>Grows the subtree over rows [start, end) into <paramref name="parts"/>; returns its root (a node, or ~leaf).</summary>
        public int Grow(int start, int end, int depth, TreeParts parts)
        {
            if (end - start < ForkSize)
                return GrowHere(start, end, depth, parts);
            int middle = Split(start, end, depth, out int a, out int b);
            if (middle < 0)
                return parts.AddLeaf(end);
            int self = parts.AddNode(a, b);
            var left = new TreeParts();
            var right = new TreeParts();
            int leftRoot = 0, rightRoot = 0;
            Parallel.Invoke(_options,
                () => leftRoot = Grow(start, middle, depth + 1, left),
                () => rightRoot = Grow(middle, end, depth + 1, right));
            parts.Children[2 * self] = parts.Append(left, leftRoot);
            parts.Children[2 * self + 1] = parts.Append(right, rightRoot);
            return self;
        }

        /// <summary>A subtree on this thread, depth first from a stack (no recursion however uneven the splits).</summary>
        private int GrowHere(int start, int end, int depth, TreeParts parts)
        {
            int root = 0;
            var pending = new Stack<(int Start, int End, int Depth, int Slot)>();
            pending.Push((start, end, depth, -1));
            while (pending.Count > 0)
            {
                var (from, to, level, slot) = pending.Pop();
                int middle = Split(from, to, level, out int a, out int b);
                int self;
                if (middle < 0)
                {
                    self = parts.AddLeaf(to);
                }
                else
                {
                    self = parts.AddNode(a, b);
                    pending.Push((middle, to, level + 1, 2 * self + 1));
                    pending.Push((from, middle, level + 1, 2 * self));
                }
                if (slot >= 0)
                    parts.Children[slot] = self;
                else
                    root = self;
            }
            return root;
        }

        /// <summary>
        /// Splits rows [start, end) in place, the left side (negative margin) first; returns where the right side starts,
        /// or -1 for a leaf (few enough rows, or no pair separates them and halving is not asked for).
        /// </summary>
        private int Split(int start, int end, int depth, out int a, out int b)
        {
            a = b = -1;
            int length = end - start;
            if (length <= _leafSize)
                return -1;
            int dimension = _points.Dimension;
            Span<double> plane = dimension <= 256 ? stackalloc double[3 * dimension] : new double[3 * dimension];
            var rowA = plane[..dimension];
            var rowB = plane.Slice(dimension, dimension);
            var normal = plane[(2 * dimension)..];
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                ulong hash = Mix(_seed ^ Mix(((ulong)(uint)start << 24) ^ ((ulong)(uint)depth << 8) ^ (uint)attempt));
                int first = (int)((hash >> 32) % (uint)length);
                int second = (first + 1 + (int)((uint)hash % (uint)(length - 1))) % length;
                int candidateA = Rows[start + first], candidateB = Rows[start + second];
                var pa = _points[candidateA];
                var pb = _points[candidateB];
                for (int d = 0; d < dimension; d++)
                {
                    rowA[d] = pa[d];
                    rowB[d] = pb[d];
                    normal[d] = (double)pa[d] - pb[d];
                }
                int middle = Partition(start, end, rowA, rowB, normal);
                if (middle > start && middle < end)
                {
                    a = candidateA;
                    b = candidateB;
                    return middle;
                }
            }
            return _halveWhenNoSplit ? start + length / 2 : -1;
        }

        /// <summary>
        /// Puts the rows of negative margin first, from both ends (each row's margin computed once, the rows' values
        /// asked for ahead of the read); returns where the others start.
        /// </summary>
        private int Partition(int start, int end, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> normal)
        {
            var rows = Rows;
            var values = _points.Values;
            int dimension = _points.Dimension;
            int i = start, j = end - 1;
            while (true)
            {
                while (i <= j)
                {
                    if (i + PrefetchDistance < end)
                        VectorMath.Prefetch(values, rows[i + PrefetchDistance] * dimension, dimension);
                    if (!(Margin(_points[rows[i]], a, b, normal) < 0))
                        break;
                    i++;
                }
                while (i < j)
                {
                    if (j - PrefetchDistance > i)
                        VectorMath.Prefetch(values, rows[j - PrefetchDistance] * dimension, dimension);
                    if (Margin(_points[rows[j]], a, b, normal) < 0)
                        break;
                    j--;
                }
                if (i >= j)
                    return i;
                (rows[i], rows[j]) = (rows[j], rows[i]);
                i++;
                j--;
            }
        }
    }

    /// <summary>
    /// The side of <paramref name="x"/>: normal . ((x - a) + (x - b)), that is twice normal . (x - (a + b) / 2), from the
    /// differences x - a and x - b (exact in double), not from normal . x - normal . (a + b) / 2, whose terms cancel when
    /// the rows share a large offset. With AVX four values at a time, added in a fixed order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Margin(ReadOnlySpan<float> x, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> normal)
    {
        int d = 0;
        double sum = 0;
        if (Avx.IsSupported && x.Length >= 4)
        {
            ref float xs = ref MemoryMarshal.GetReference(x);
            ref double aa = ref MemoryMarshal.GetReference(a);
            ref double bb = ref MemoryMarshal.GetReference(b);
            ref double nn = ref MemoryMarshal.GetReference(normal);
            var total = Vector256<double>.Zero;
            for (; d + 4 <= x.Length; d += 4)
            {
                var value = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref xs, (nuint)d));
                var sides = (value - Vector256.LoadUnsafe(ref aa, (nuint)d)) + (value - Vector256.LoadUnsafe(ref bb, (nuint)d));
                total += Vector256.LoadUnsafe(ref nn, (nuint)d) * sides;
            }
            sum = Vector256.Sum(total);
        }
        for (; d < x.Length; d++)
            sum += normal[d] * ((x[d] - a[d]) + (x[d] - b[d]));
        return sum;
    }

    /// <summary>SplitMix64: a node's draw from the seed and its place.</summary>
    private static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The 8-bit walk of <see cref="CompactRowsIndexSearch"/> with each lever of issue 12's third index pass as a switch,
/// so that <see cref="IndexSearchRun"/> can measure them side by side in one process (INDEX_SEARCH_EXPERIMENT):
/// <c>keys</c> (the width's nearest rows as one sorted array of distance-and-position keys, found by a branch-free
/// binary search), <c>bitmap</c> (the visited rows as one bit a stored row, cleared by the list of rows set),
/// <c>tree</c> (the tree's split rows copied in node order, so the descent reads nearby memory), <c>popN</c> (expand the N nearest candidates in one step), <c>rN</c> (re-rank
/// only the N nearest by 8-bit distance, their float rows requested together first).
/// </summary>
internal sealed class IndexSearchExperiment
{
    private readonly NeighborGraphIndex _index;
    private readonly PointSet _sortedPoints;
    private readonly CompactRows _compact;
    private readonly int[] _sortedLinks;
    private readonly int[] _rowAt;
    private readonly TreeDescent? _descent; // the tree's splits copied in node order (the index's own descent)

    [ThreadStatic]
    private static Scratch? t_scratch;

    public IndexSearchExperiment(NeighborGraphIndex index, CompactRowsIndexSearch copies, string flags)
    {
        _index = index;
        (_sortedPoints, _compact, _sortedLinks, _rowAt) = copies.Parts;
        Keys = flags.Contains("keys");
        Bitmap = flags.Contains("bitmap");
        CompactTree = flags.Contains("tree");
        var pops = flags.Split('+').FirstOrDefault(f => f.StartsWith("pop", StringComparison.Ordinal));
        Pops = pops is null ? 1 : int.Parse(pops[3..], System.Globalization.CultureInfo.InvariantCulture);
        var rerank = flags.Split('+').FirstOrDefault(f => f.StartsWith('r'));
        Rerank = rerank is null ? int.MaxValue : int.Parse(rerank[1..], System.Globalization.CultureInfo.InvariantCulture);
        _descent = TreeDescent.Create(index.Tree, index.Points);
    }

    public bool Keys { get; }

    public bool Bitmap { get; }

    public bool CompactTree { get; }

    public int Pops { get; }

    public int Rerank { get; }

    public static int LastVisitedCount => t_scratch?.VisitedCount ?? 0;

    public void Search(ReadOnlySpan<float> query, Span<int> indices, Span<float> distances, int searchWidth)
    {
        int wanted = indices.Length;
        int width = Math.Max(searchWidth, wanted);
        int degree = _index.Degree;
        var s = t_scratch ??= new Scratch();
        s.Start(width, _rowAt.Length, Bitmap);
        var compact = _compact;
        var prepared = s.Query(compact.QueryLength);
        compact.PrepareQuery(query, prepared);
        var searchLinks = _sortedLinks;
        var (leafStart, leafLength) = CompactTree && _descent is not null ? _descent.LeafRange(query) : _index.Tree.LeafRange(_index.Points, query);
        var keys = s.Keys.AsSpan(0, width);
        keys.Fill(ulong.MaxValue);
        var poolIndices = s.PoolIndices.AsSpan(0, width);
        var poolDistances = s.PoolDistances.AsSpan(0, width);
        TopK.Clear(poolIndices, poolDistances);
        var candidates = s.Candidates;
        for (int position = leafStart; position < leafStart + leafLength; position++)
        {
            s.Visit(position);
            float distance = compact.SquaredDistance(prepared, position);
            if (OfferEither(keys, poolIndices, poolDistances, position, distance))
                candidates.Push(distance, position);
        }
        Span<int> fresh = stackalloc int[Pops * degree];
        Span<int> others = stackalloc int[Pops];
        bool done = false;
        while (!done && candidates.TryPop(out float nearest, out int at))
        {
            float farthest = Keys ? BitConverter.UInt32BitsToSingle((uint)(keys[width - 1] >> 32)) : poolDistances[width - 1];
            if (Keys && keys[width - 1] == ulong.MaxValue)
                farthest = float.PositiveInfinity;
            if (nearest > farthest)
                break;
            // popN: the next nearest candidates (up to N in all) are expanded in the same step, so their memory loads overlap.
            int popped = 0;
            while (popped < Pops - 1 && candidates.TryPop(out float otherDistance, out int other))
            {
                if (otherDistance > farthest)
                {
                    done = true; // every candidate left is farther still: this step is the last
                    break;
                }
                others[popped++] = other;
            }
            int following = candidates.PeekRow();
            if (following >= 0)
                VectorMath.Prefetch(searchLinks, following * degree, degree);
            int freshCount = 0;
            foreach (int next in searchLinks.AsSpan(at * degree, degree))
            {
                if (next < 0)
                    break;
                if (!s.Visit(next))
                    continue;
                fresh[freshCount++] = next;
                compact.Prefetch(next);
            }
            foreach (int second in others[..popped])
            {
                foreach (int next in searchLinks.AsSpan(second * degree, degree))
                {
                    if (next < 0)
                        break;
                    if (!s.Visit(next))
                        continue;
                    fresh[freshCount++] = next;
                    compact.Prefetch(next);
                }
            }
            foreach (int next in fresh[..freshCount])
            {
                float distance = compact.SquaredDistance(prepared, next);
                if (OfferEither(keys, poolIndices, poolDistances, next, distance))
                    candidates.Push(distance, next);
            }
        }
        if (Keys)
        {
            for (int t = 0; t < width; t++)
                poolIndices[t] = keys[t] == ulong.MaxValue ? -1 : (int)(uint)keys[t];
        }
        TopK.Clear(indices, distances);
        int reranked = Math.Clamp(Rerank, wanted, width);
        var top = poolIndices[..reranked];
        int dimension = _sortedPoints.Dimension;
        if (Rerank != int.MaxValue)
        {
            foreach (int position in top)
            {
                if (position < 0)
                    break;
                VectorMath.Prefetch(_sortedPoints.Values, position * dimension, dimension);
            }
        }
        foreach (int position in top)
        {
            if (position < 0)
                break;
            TopK.Offer(indices, distances, position, VectorMath.SquaredDistance(query, _sortedPoints[position]));
        }
        for (int t = 0; t < wanted; t++)
            indices[t] = indices[t] < 0 ? -1 : _rowAt[indices[t]];
    }

    private bool OfferEither(Span<ulong> keys, Span<int> indices, Span<float> distances, int candidate, float distance) =>
        Keys ? NeighborGraphIndex.Offer(keys, ((ulong)BitConverter.SingleToUInt32Bits(distance) << 32) | (uint)candidate) : FloatRowsIndexSearch.Offer(indices, distances, candidate, distance);

    private sealed class Scratch
    {
        private readonly HashedSearchScratch _inner = new();
        private ulong[] _bits = [];
        private int[] _set = new int[4096];
        private int _setCount;
        private bool _bitmap;
        private float[] _query = [];

        public ulong[] Keys { get; private set; } = [];

        public int[] PoolIndices => _inner.PoolIndices;

        public float[] PoolDistances => _inner.PoolDistances;

        public HashedSearchScratch.CandidateHeap Candidates => _inner.Candidates;

        public int VisitedCount => _bitmap ? _setCount : _inner.Visited.Count;

        public Span<float> Query(int length)
        {
            if (_query.Length < length)
                _query = new float[length];
            return _query.AsSpan(0, length);
        }

        public void Start(int width, int rowCount, bool bitmap)
        {
            _inner.Start(width);
            if (Keys.Length < width)
                Keys = new ulong[width];
            _bitmap = bitmap;
            if (_bits.Length < (rowCount + 63) / 64)
                _bits = new ulong[(rowCount + 63) / 64];
            foreach (int row in _set.AsSpan(0, _setCount))
                _bits[row >> 6] = 0;
            _setCount = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Visit(int row)
        {
            if (!_bitmap)
                return _inner.Visited.Add(row);
            ref ulong word = ref _bits[row >> 6];
            ulong bit = 1UL << row;
            if ((word & bit) != 0)
                return false;
            word |= bit;
            if (_setCount == _set.Length)
                Array.Resize(ref _set, _set.Length * 2);
            _set[_setCount++] = row;
            return true;
        }
    }
}

using System.Runtime.CompilerServices;

namespace Microsoft.ML.SemiSupervised.Graphs;

/// <summary>
/// The working memory of one graph search (<see cref="NeighborGraphIndex.Search(ReadOnlySpan{float}, Span{int}, Span{float}, int)"/>), one per thread and reused from
/// query to query: the rows visited (one bit a stored row, cleared row by row after a query, so a query costs time
/// for the rows it sees, not for every stored row), the rows still to expand (a min-heap by distance), the nearest rows
/// found (as sorted keys, see <see cref="Key"/>) and the query as the 8-bit copy of the rows takes it
/// (<see cref="CompactRows.PrepareQuery"/>).
/// </summary>
internal sealed class SearchScratch
{
    private float[] _query = [];

    /// <summary>The rows the current query has computed a distance to.</summary>
    public VisitedRows Visited { get; } = new();

    /// <summary>The rows the current query has still to expand, nearest first.</summary>
    public CandidateHeap Candidates { get; } = new();

    /// <summary>The nearest rows found so far as keys (<see cref="Key"/>), nearest first; their count is the search width.</summary>
    public ulong[] Pool { get; private set; } = [];

    /// <summary>The first <paramref name="length"/> values of a buffer for the prepared query (their contents undefined).</summary>
    public Span<float> Query(int length)
    {
        if (_query.Length < length)
            _query = new float[length];
        return _query.AsSpan(0, length);
    }

    /// <summary>Empties everything for a query over <paramref name="rowCount"/> rows keeping the <paramref name="width"/> nearest.</summary>
    public void Start(int width, int rowCount)
    {
        if (Pool.Length < width)
            Pool = new ulong[width];
        Visited.Start(rowCount);
        Candidates.Clear();
    }

    /// <summary>
    /// A row and its squared distance as one number that orders as the pair (distance, row): the distance's bits above
    /// the row's. A non-negative Single's bits order as its value, so one integer comparison orders both, and equal
    /// distances put the smaller row first (deterministic). <see cref="ulong.MaxValue"/> is no row (above every key,
    /// infinite distance included).
    /// </summary>
    public static ulong Key(float distance, int row) => ((ulong)BitConverter.SingleToUInt32Bits(distance) << 32) | (uint)row;

    /// <summary>The row of a key.</summary>
    public static int RowOf(ulong key) => (int)(uint)key;

    /// <summary>The squared distance of a key (infinite for no row).</summary>
    public static float DistanceOf(ulong key) => key == ulong.MaxValue ? float.PositiveInfinity : BitConverter.UInt32BitsToSingle((uint)(key >> 32));

    /// <summary>
    /// The set of visited rows: one bit a stored row (128 KB at a million rows, which the processor's second-level cache
    /// holds, and no hashing), and the list of rows set, by which the next query clears them.
    /// </summary>
    internal sealed class VisitedRows
    {
        private ulong[] _bits = [];
        private int[] _rows = new int[2048];
        private int _count;

        /// <summary>The number of rows in the set.</summary>
        public int Count => _count;

        /// <summary>Empties the set for rows 0 to <paramref name="rowCount"/> - 1.</summary>
        public void Start(int rowCount)
        {
            foreach (int row in _rows.AsSpan(0, _count))
                _bits[row >> 6] = 0;
            _count = 0;
            int words = (int)(((long)rowCount + 63) >> 6);
            if (_bits.Length < words)
                _bits = new ulong[words];
        }

        /// <summary>Adds <paramref name="row"/> (in 0 to the row count given to <see cref="Start"/> - 1); false when it was there already.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Add(int row)
        {
            ref ulong word = ref _bits[row >> 6];
            ulong bit = 1UL << row; // the shift count is taken modulo 64
            if ((word & bit) != 0)
                return false;
            word |= bit;
            if (_count == _rows.Length)
                Array.Resize(ref _rows, 2 * _rows.Length);
            _rows[_count++] = row;
            return true;
        }
    }

    /// <summary>
    /// A binary min-heap of rows by distance, each held as one key (<see cref="Key"/>): one array and one integer
    /// comparison a step; equal distances pop the smaller row first (deterministic).
    /// </summary>
    internal sealed class CandidateHeap
    {
        private ulong[] _keys = new ulong[256];
        private int _count;

        public void Clear() => _count = 0;

        /// <summary>The row that would pop next; -1 when empty.</summary>
        public int PeekRow() => _count == 0 ? -1 : RowOf(_keys[0]);

        public void Push(float distance, int row)
        {
            if (_count == _keys.Length)
                Array.Resize(ref _keys, _count * 2);
            ulong key = Key(distance, row);
            int at = _count++;
            while (at > 0)
            {
                int parent = (at - 1) >>> 1;
                if (_keys[parent] <= key)
                    break;
                _keys[at] = _keys[parent];
                at = parent;
            }
            _keys[at] = key;
        }

        public bool TryPop(out float distance, out int row)
        {
            if (_count == 0)
            {
                distance = 0;
                row = -1;
                return false;
            }
            ulong top = _keys[0];
            distance = DistanceOf(top);
            row = RowOf(top);
            ulong last = _keys[--_count];
            int at = 0;
            while (true)
            {
                int child = 2 * at + 1;
                if (child >= _count)
                    break;
                if (child + 1 < _count && _keys[child + 1] < _keys[child])
                    child++;
                if (_keys[child] >= last)
                    break;
                _keys[at] = _keys[child];
                at = child;
            }
            _keys[at] = last;
            return true;
        }
    }
}

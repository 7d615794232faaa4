using Microsoft.ML.SemiSupervised.Graphs;

namespace Microsoft.ML.SemiSupervised.Benchmarks;

/// <summary>
/// The index's <c>SearchScratch</c> as it was at commit 8d1306f, kept for the frozen searches of the before/after
/// comparisons (<see cref="CompactRowsIndexSearch"/> and the float walks before it); the index's own now keeps the
/// visited rows as one bit a stored row and the nearest rows as sorted keys.
/// The working memory of one graph search, one per thread and reused from
/// query to query: the rows visited (a small hash set, so a query costs memory for the rows it sees, not for every
/// stored row), the rows still to expand (a min-heap by distance), the nearest rows found and the query as the 8-bit
/// copy of the rows takes it (<see cref="CompactRows.PrepareQuery"/>).
/// </summary>
internal sealed class HashedSearchScratch
{
    private float[] _query = [];

    /// <summary>The rows the current query has computed a distance to.</summary>
    public VisitedRows Visited { get; } = new();

    /// <summary>The rows the current query has still to expand, nearest first.</summary>
    public CandidateHeap Candidates { get; } = new();

    /// <summary>The nearest rows found so far (their count is the search width).</summary>
    public int[] PoolIndices { get; private set; } = [];

    /// <summary>The squared distances of <see cref="PoolIndices"/>.</summary>
    public float[] PoolDistances { get; private set; } = [];

    /// <summary>The first <paramref name="length"/> values of a buffer for the prepared query (their contents undefined).</summary>
    public Span<float> Query(int length)
    {
        if (_query.Length < length)
            _query = new float[length];
        return _query.AsSpan(0, length);
    }

    /// <summary>Empties everything for a query keeping the <paramref name="width"/> nearest rows.</summary>
    public void Start(int width)
    {
        if (PoolIndices.Length < width)
        {
            PoolIndices = new int[width];
            PoolDistances = new float[width];
        }
        Visited.Clear();
        Candidates.Clear();
    }

    /// <summary>A set of row numbers by open addressing (linear probing), cleared in time proportional to its capacity.</summary>
    internal sealed class VisitedRows
    {
        private int[] _slots = new int[4096]; // row + 1; 0 is empty
        private int _count;

        /// <summary>The number of rows in the set.</summary>
        public int Count => _count;

        /// <summary>Adds <paramref name="row"/>; false when it was there already.</summary>
        public bool Add(int row)
        {
            if (2 * (_count + 1) > _slots.Length)
                Grow();
            int mask = _slots.Length - 1;
            int slot = (int)((uint)(row * -1640531535) >> 8) & mask; // Fibonacci hashing spreads consecutive rows
            while (true)
            {
                int held = _slots[slot];
                if (held == 0)
                {
                    _slots[slot] = row + 1;
                    _count++;
                    return true;
                }
                if (held == row + 1)
                    return false;
                slot = (slot + 1) & mask;
            }
        }

        public void Clear()
        {
            if (_count == 0)
                return;
            Array.Clear(_slots);
            _count = 0;
        }

        private void Grow()
        {
            var old = _slots;
            _slots = new int[old.Length * 2];
            _count = 0;
            foreach (int held in old)
            {
                if (held != 0)
                    Add(held - 1);
            }
        }
    }

    /// <summary>A binary min-heap of rows by distance; equal distances pop the smaller row first (deterministic).</summary>
    internal sealed class CandidateHeap
    {
        private float[] _distances = new float[256];
        private int[] _rows = new int[256];
        private int _count;

        public void Clear() => _count = 0;

        /// <summary>The row that would pop next; -1 when empty.</summary>
        public int PeekRow() => _count == 0 ? -1 : _rows[0];

        public void Push(float distance, int row)
        {
            if (_count == _rows.Length)
            {
                Array.Resize(ref _rows, _count * 2);
                Array.Resize(ref _distances, _count * 2);
            }
            int at = _count++;
            while (at > 0)
            {
                int parent = (at - 1) / 2;
                if (!Before(distance, row, _distances[parent], _rows[parent]))
                    break;
                _distances[at] = _distances[parent];
                _rows[at] = _rows[parent];
                at = parent;
            }
            _distances[at] = distance;
            _rows[at] = row;
        }

        public bool TryPop(out float distance, out int row)
        {
            if (_count == 0)
            {
                distance = 0;
                row = -1;
                return false;
            }
            distance = _distances[0];
            row = _rows[0];
            float lastDistance = _distances[--_count];
            int lastRow = _rows[_count];
            int at = 0;
            while (true)
            {
                int child = 2 * at + 1;
                if (child >= _count)
                    break;
                if (child + 1 < _count && Before(_distances[child + 1], _rows[child + 1], _distances[child], _rows[child]))
                    child++;
                if (!Before(_distances[child], _rows[child], lastDistance, lastRow))
                    break;
                _distances[at] = _distances[child];
                _rows[at] = _rows[child];
                at = child;
            }
            _distances[at] = lastDistance;
            _rows[at] = lastRow;
            return true;
        }

        private static bool Before(float distance, int row, float otherDistance, int otherRow) =>
            distance < otherDistance || (distance == otherDistance && row < otherRow);
    }
}

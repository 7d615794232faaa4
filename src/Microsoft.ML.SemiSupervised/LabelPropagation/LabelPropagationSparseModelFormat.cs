using System.Globalization;
using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Persistence;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// How a label propagation fitted on sparse features (featurized text, <see cref="LabelPropagationModel.SparseSearch"/>)
/// survives <c>mlContext.Model.Save</c>, never densified: a sibling of <see cref="LabelPropagationModelFormat"/> with
/// the same mechanism (a header of doubles and a state of Singles held by value mappings, the state keyed per row and
/// read once per loaded model, the SHA-256 checksum and content id) and its own frozen contract names in
/// <see cref="ModelContracts"/> (<c>LabelPropagation.Sparse.*.v1</c>).
/// </summary>
/// <remarks>
/// A sibling format rather than a version 4 of the dense one: its loaded mappings read each row's features as ML.NET
/// holds them (a sparse <c>VBuffer</c>; the dense format's mappings read a <c>float[]</c>, which would densify every
/// row predicted, 4 bytes a slot), so they need their own contract names anyway, and the dense reader stays as it is.
/// Version 1 (written now): the header is version, kernel, neighbours, gamma, rows, dimension, classes, non-zero
/// values, then the checksum; the state is, in order, each row's number of non-zero values, every non-zero value's
/// slot (ascending within its row), the values themselves, the distributions and the labeled flags. Lengths per row
/// rather than offsets, and slots below the dimension: every integer is at most the dimension, so all stay exact as
/// Singles for at most 2^24 slots (<see cref="CheckSaveable"/> refuses more). The inverted index is not saved: the
/// loaded model rebuilds it from the rows (one pass over the values and a sort of the rows by norm, a small part
/// of the load; see docs/benchmarks.md).
/// </remarks>
internal static class LabelPropagationSparseModelFormat
{
    /// <summary>The sparse models built from saved states in this process, shared by content id.</summary>
    public static SavedStateFormat<LabelPropagationModel> State { get; } = new("label propagation state", ContentId, Verify, Read);

    private const int Version = 1;

    // Version 1: version, kernel, neighbours, gamma, rows, dimension, classes, non-zero values, then the hash.
    private const int HashStart = 8;
    private const int HeaderLength = HashStart + StateChecksum.Parts;

    /// <summary>The largest integer below which every integer is exact as a Single (2^24).</summary>
    private const int ExactIntegerLimit = 1 << 24;

    private static long s_buildCount;

    /// <summary>How many sparse models were built from a saved state in this process (for tests).</summary>
    public static long BuildCount => Interlocked.Read(ref s_buildCount);

    /// <summary>
    /// Checks that sparse rows of this size can be saved: every slot exact as a Single (at most 2^24 slots) and the
    /// state within one array.
    /// </summary>
    /// <exception cref="InvalidOperationException">They cannot, with the reason and what to do instead.</exception>
    public static void CheckSaveable(int rows, int dimension, long entries, int classes)
    {
        if (dimension > ExactIntegerLimit)
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "This label propagation model was fitted on sparse features of {0:N0} slots; its saved format holds slot numbers as " +
                "Singles, exact up to {1:N0} slots. Reduce the feature column to at most {1:N0} slots (e.g. fewer hash bits in the " +
                "text featurizer) and fit again.", dimension, ExactIntegerLimit));
        }
        long length = StateLength(rows, entries, classes);
        if (length > Array.MaxLength)
        {
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "This label propagation model holds {0:N0} rows with {1:N0} non-zero values; its saved state would need {2:N0} values, " +
                "more than the {3:N0} one saved vector holds. Fit on fewer rows or fewer features to save it.", rows, entries, length, Array.MaxLength));
        }
    }

    /// <summary>
    /// The model as a header (see the remarks) and a state (row lengths, slots, values, distributions, labeled flags).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is too large for the format (<see cref="CheckSaveable"/>).</exception>
    public static (double[] Header, float[] State) Write(LabelPropagationModel model)
    {
        var rows = model.SparseSearch!.Rows;
        int count = rows.Count;
        long entries = rows.EntryCount;
        CheckSaveable(count, rows.Dimension, entries, model.ClassCount);
        var header = new double[HeaderLength];
        header[0] = Version;
        header[1] = (int)model.Kernel;
        header[2] = model.NumberOfNeighbors;
        header[3] = model.Gamma;
        header[4] = count;
        header[5] = rows.Dimension;
        header[6] = model.ClassCount;
        header[7] = entries;
        var state = new float[StateLength(count, entries, model.ClassCount)];
        int slots = count;
        int values = slots + (int)entries;
        for (int row = 0; row < count; row++)
        {
            var indices = rows.RowIndices(row);
            state[row] = indices.Length;
            for (int e = 0; e < indices.Length; e++)
                state[slots + e] = indices[e];
            rows.RowValues(row).CopyTo(state.AsSpan(values));
            slots += indices.Length;
            values += indices.Length;
        }
        model.Distributions.CopyTo(state, values);
        int flags = values + model.Distributions.Length;
        for (int row = 0; row < count; row++)
            state[flags + row] = model.Labeled![row] ? 1 : 0;
        StateChecksum.Write(header, HashStart, state);
        return (header, state);
    }

    /// <summary>The content id a header names: its SHA-256 as hexadecimal text.</summary>
    /// <exception cref="InvalidOperationException">The header is not a header of this format.</exception>
    public static string ContentId(double[] header) => StateChecksum.ContentId(header, CheckedHashStart(header), Corrupt);

    /// <summary>Checks that header and state match the header's checksum.</summary>
    /// <exception cref="InvalidOperationException">They do not (the zip was changed after it was saved).</exception>
    public static void Verify(double[] header, float[] state) => StateChecksum.Verify(header, CheckedHashStart(header), state, Corrupt);

    /// <summary>Checks header and state against the checksum and builds the model they stand for, its inverted index rebuilt.</summary>
    /// <exception cref="InvalidOperationException">They do not match the checksum, or do not describe sparse rows.</exception>
    public static LabelPropagationModel Read(double[] header, float[] state)
    {
        Verify(header, state);
        if (header[0] != Version)
            throw new InvalidOperationException($"The sparse label propagation state has format version {header[0]}; this library reads version {Version}.");
        var kernel = (LabelPropagationKernel)(int)header[1];
        int rows = (int)header[4];
        int dimension = (int)header[5];
        int classes = (int)header[6];
        long entries = (long)header[7];
        if (kernel is not (LabelPropagationKernel.NearestNeighbors or LabelPropagationKernel.NearestNeighborsRbf))
            throw Corrupt($"its kernel {header[1]} is not a nearest-neighbour kernel");
        if (rows <= 0 || dimension <= 0 || dimension > ExactIntegerLimit || classes <= 0 || entries < 0 || StateLength(rows, entries, classes) != state.Length)
            throw Corrupt($"its {state.Length} values do not hold {rows} rows of {entries} non-zero values in {dimension} slots and {classes} classes");

        var rowStarts = new long[rows + 1];
        for (int row = 0; row < rows; row++)
        {
            float length = state[row];
            if (!(length >= 0 && length <= dimension) || length != MathF.Floor(length))
                throw Corrupt($"row {row}'s number of non-zero values is not a count");
            rowStarts[row + 1] = rowStarts[row] + (int)length;
        }
        if (rowStarts[rows] != entries)
            throw Corrupt($"its rows hold {rowStarts[rows]} non-zero values, not {entries}");
        var indices = new int[entries];
        var slots = state.AsSpan(rows, (int)entries);
        var values = state.AsSpan(rows + (int)entries, (int)entries).ToArray();
        for (int row = 0; row < rows; row++)
        {
            int previous = -1;
            for (long e = rowStarts[row]; e < rowStarts[row + 1]; e++)
            {
                float slot = slots[(int)e];
                if (!(slot > previous && slot < dimension) || slot != MathF.Floor(slot) || !float.IsFinite(values[e]))
                    throw Corrupt($"row {row} holds a slot or value that sparse rows do not");
                indices[e] = previous = (int)slot;
            }
        }
        int distributionsStart = rows + 2 * (int)entries;
        var distributions = state.AsSpan(distributionsStart, rows * classes).ToArray();
        var flags = state.AsSpan(distributionsStart + rows * classes, rows);
        var labeled = new bool[rows];
        for (int row = 0; row < rows; row++)
            labeled[row] = flags[row] != 0;

        var search = new SparseNeighborSearch(new SparseRows(rowStarts, indices, values, dimension));
        Interlocked.Increment(ref s_buildCount);
        return new LabelPropagationModel(kernel, (int)header[2], header[3], search, classes, distributions, labeled);
    }

    private static long StateLength(int rows, long entries, int classes) => 2 * entries + (long)rows * (classes + 2);

    private static int CheckedHashStart(double[] header) => header.Length == HeaderLength
        ? HashStart
        : throw Corrupt($"the header has {header.Length} values, not {HeaderLength}");

    private static InvalidOperationException Corrupt(string detail) =>
        new($"The saved label propagation state is corrupt (checksum mismatch): {detail}. The model zip was changed after it was saved; save the model again.");
}

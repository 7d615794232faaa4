using Microsoft.ML.SemiSupervised.Graphs;
using Microsoft.ML.SemiSupervised.Persistence;

namespace Microsoft.ML.SemiSupervised.LabelPropagation;

/// <summary>
/// How a fitted label propagation survives <c>mlContext.Model.Save</c>: ML.NET 5 keeps the writer of a custom
/// transformer internal, so the state travels in built-in transformers. The model becomes two numeric vectors (a
/// header of doubles, the stored rows' features, distributions and labeled flags as Singles), held by ML.NET's value
/// mapping transformer (written into the zip as data), and custom mappings whose contract names ML.NET finds again on load in
/// this assembly. Every contract name of every version is in <see cref="Persistence.ModelContracts"/>; each version is frozen.
/// A model over sparse stored rows (featurized text) is saved by the sibling <see cref="LabelPropagationSparseModelFormat"/>.
/// </summary>
/// <remarks>
/// Version 3 (written now) is version 2 with one more header value, the length of an optional last part of the state:
/// the search index over the stored rows (<see cref="NeighborGraphIndex"/>: links and tree, integers held exactly as
/// Singles, so only for fewer than 2^24 stored rows; a larger model saves without it and its loaded form searches
/// exactly). Version 2 (read only) keys the state per row (see <see cref="LabelPropagationStateKeyMapping"/>), so that a
/// loaded model reads it once, and carries a SHA-256 of header and state: the checksum checked on first use, and the
/// content id under which loaded models share one model in memory (<see cref="State"/>).
/// Version 1 (read only) passes the whole state to every row and has no checksum (<see cref="LabelPropagationModelFormatV1"/>).
/// </remarks>
internal static class LabelPropagationModelFormat
{
    /// <summary>The models built from saved states in this process, shared by content id.</summary>
    public static SavedStateFormat<LabelPropagationModel> State { get; } = new("label propagation state", ContentId, Verify, Read);

    /// <summary>The state key of the full state.</summary>
    public const uint FullStateKey = SavedStateFormat<LabelPropagationModel>.FullStateKey;

    /// <summary>The state key of the empty state.</summary>
    public const uint EmptyStateKey = SavedStateFormat<LabelPropagationModel>.EmptyStateKey;

    private const int Version = 3;
    private const int HashParts = StateChecksum.Parts;

    // Version 3: version, kernel, neighbours, gamma, rows, dimension, classes, index length, then the hash.
    private const int HashStart = 8;
    private const int HeaderLength = HashStart + HashParts;

    // Version 2 (read only): the same without the index length.
    private const int HashStartV2 = 7;
    private const int HeaderLengthV2 = HashStartV2 + HashParts;

    /// <summary>The rows up to which every integer of the index is exact as a Single (2^24).</summary>
    private const int ExactIntegerLimit = 1 << 24;

    private static long s_buildCount;

    /// <summary>How many models were built from a saved state in this process (for tests).</summary>
    public static long BuildCount => Interlocked.Read(ref s_buildCount);

    /// <summary>
    /// The model as a header (version, kernel, neighbours, gamma, rows, dimension, classes, index length, then the
    /// SHA-256 of all of that and the state, in eight 32-bit parts) and a state (features, distributions, labeled
    /// flags, the search index if any).
    /// </summary>
    public static (double[] Header, float[] State) Write(LabelPropagationModel model)
    {
        int rows = model.Points.Count;
        int[] index = model.Index is { } searchIndex && rows < ExactIntegerLimit ? searchIndex.ToIntegers() : [];
        var header = new double[HeaderLength];
        header[0] = Version;
        header[1] = (int)model.Kernel;
        header[2] = model.NumberOfNeighbors;
        header[3] = model.Gamma;
        header[4] = rows;
        header[5] = model.Points.Dimension;
        header[6] = model.ClassCount;
        header[7] = index.Length;
        var state = new float[model.Points.Values.Length + model.Distributions.Length + rows + index.Length];
        model.Points.Values.CopyTo(state, 0);
        model.Distributions.CopyTo(state, model.Points.Values.Length);
        int flags = model.Points.Values.Length + model.Distributions.Length;
        for (int row = 0; row < rows; row++)
            state[flags + row] = model.Labeled is { } labeled && labeled[row] ? 1 : 0;
        for (int t = 0; t < index.Length; t++)
            state[flags + rows + t] = index[t];
        StateChecksum.Write(header, HashStart, state);
        return (header, state);
    }

    /// <summary>The content id a header names: its SHA-256 as hexadecimal text.</summary>
    /// <exception cref="InvalidOperationException">The header is not a version 2 or 3 header.</exception>
    public static string ContentId(double[] header) => StateChecksum.ContentId(header, HashStartOf(header), Corrupt);

    /// <summary>Checks that header and state match the header's checksum.</summary>
    /// <exception cref="InvalidOperationException">They do not (the zip was changed after it was saved).</exception>
    public static void Verify(double[] header, float[] state) => StateChecksum.Verify(header, HashStartOf(header), state, Corrupt);

    /// <summary>Checks header and state against the checksum and builds the model they stand for.</summary>
    /// <exception cref="InvalidOperationException">They do not match the checksum.</exception>
    public static LabelPropagationModel Read(double[] header, float[] state)
    {
        Verify(header, state);
        bool version3 = header.Length == HeaderLength;
        if (header[0] != (version3 ? Version : 2))
            throw new InvalidOperationException($"The label propagation state has format version {header[0]}; this library reads versions 1 to {Version}.");
        int rows = (int)header[4];
        int dimension = (int)header[5];
        int classes = (int)header[6];
        long indexLength = version3 ? (long)header[7] : 0;
        if (indexLength < 0 || (long)rows * (dimension + classes + 1) + indexLength != state.Length)
            throw Corrupt($"its {state.Length} values do not hold {rows} rows of {dimension} features and {classes} classes and an index of {indexLength} values");
        var features = state.AsSpan(0, rows * dimension).ToArray();
        var distributions = state.AsSpan(rows * dimension, rows * classes).ToArray();
        var flags = state.AsSpan(rows * (dimension + classes), rows);
        var labeled = new bool[rows];
        for (int row = 0; row < rows; row++)
            labeled[row] = flags[row] != 0;
        var points = new PointSet(features, dimension);
        var index = indexLength == 0 ? null : ReadIndex(points, state.AsSpan(rows * (dimension + classes + 1)));
        Interlocked.Increment(ref s_buildCount);
        return new LabelPropagationModel((LabelPropagationKernel)(int)header[1], (int)header[2], header[3],
            points, classes, distributions, labeled, index);
    }

    private static NeighborGraphIndex ReadIndex(PointSet points, ReadOnlySpan<float> values)
    {
        var integers = new int[values.Length];
        for (int t = 0; t < values.Length; t++)
        {
            float value = values[t];
            if (!(value > -ExactIntegerLimit && value < ExactIntegerLimit) || value != MathF.Floor(value))
                throw Corrupt("its search index holds a value that is not an integer of the index");
            integers[t] = (int)value;
        }
        return NeighborGraphIndex.FromIntegers(points, integers) ?? throw Corrupt("its search index does not describe an index over its rows");
    }

    private static int HashStartOf(double[] header) => header.Length switch
    {
        HeaderLength => HashStart,
        HeaderLengthV2 => HashStartV2,
        _ => throw Corrupt($"the header has {header.Length} values, not {HeaderLength} (version 3) or {HeaderLengthV2} (version 2)"),
    };

    private static InvalidOperationException Corrupt(string detail) =>
        new($"The saved label propagation state is corrupt (checksum mismatch): {detail}. The model zip was changed after it was saved; save the model again.");
}

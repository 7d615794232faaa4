using Microsoft.ML.SemiSupervised.Persistence;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// How a fitted network survives <c>mlContext.Model.Save</c>: ML.NET keeps the writer of a custom transformer
/// internal, so the model travels in built-in transformers, as label propagation's does: a header of doubles and a
/// state of Singles, held by ML.NET's value mapping transformer (written into the zip as data), and custom mappings
/// whose contract names (<see cref="NeuralContracts"/>) ML.NET finds again on load in this assembly.
/// </summary>
/// <remarks>
/// Version 1. Header: version, network kind, input size, classes, image height, width and channels, the number of
/// hidden layers, the SHA-256 of header and state in eight 32-bit parts, then the hidden layer sizes. State: the
/// input standardization (means, then deviations), then the weights (<see cref="NetworkWeights"/>). The state is keyed
/// per row so that a loaded model reads it once (<see cref="NeuralStateKeyFactory"/>); the checksum is checked on
/// first use and is the content id under which loaded models share one network (<see cref="State"/>).
/// </remarks>
internal static class NeuralModelFormat
{
    public const uint FullStateKey = SavedStateFormat<NeuralModel>.FullStateKey;
    public const uint EmptyStateKey = SavedStateFormat<NeuralModel>.EmptyStateKey;

    /// <summary>The networks built from saved states in this process, shared by content id.</summary>
    public static SavedStateFormat<NeuralModel> State { get; } = new("neural network state", ContentId, Verify, Read);

    private const int Version = 1;
    private const int HashStart = 8;
    private const int HashParts = StateChecksum.Parts;
    private const int FixedLength = HashStart + HashParts;

    private static long s_buildCount;

    /// <summary>How many networks were built from a saved state in this process (for tests).</summary>
    public static long BuildCount => Interlocked.Read(ref s_buildCount);

    public static (double[] Header, float[] State) Write(NeuralModel model)
    {
        var a = model.Architecture;
        var header = new double[FixedLength + a.HiddenLayerSizes.Length];
        header[0] = Version;
        header[1] = (int)a.Kind;
        header[2] = a.InputSize;
        header[3] = a.ClassCount;
        header[4] = a.ImageHeight;
        header[5] = a.ImageWidth;
        header[6] = a.ImageChannels;
        header[7] = a.HiddenLayerSizes.Length;
        for (int i = 0; i < a.HiddenLayerSizes.Length; i++)
            header[FixedLength + i] = a.HiddenLayerSizes[i];
        var weights = model.ReadWeights();
        int d = a.InputSize;
        var state = new float[2 * d + weights.Length];
        model.Scaling.Mean.CopyTo(state, 0);
        model.Scaling.Deviation.CopyTo(state, d);
        weights.CopyTo(state, 2 * d);
        StateChecksum.Write(header, HashStart, state);
        return (header, state);
    }

    /// <summary>The content id a header names: its SHA-256 as hexadecimal text.</summary>
    /// <exception cref="InvalidOperationException">The header is not a version 1 header.</exception>
    public static string ContentId(double[] header)
    {
        if (header.Length < FixedLength)
            throw Corrupt($"the header has {header.Length} values, fewer than {FixedLength}");
        return StateChecksum.ContentId(header, HashStart, Corrupt);
    }

    /// <summary>Checks that header and state match the header's checksum.</summary>
    /// <exception cref="InvalidOperationException">They do not (the zip was changed after it was saved).</exception>
    public static void Verify(double[] header, float[] state) => StateChecksum.Verify(header, HashStart, state, Corrupt);

    /// <summary>Checks header and state and builds the network they stand for.</summary>
    public static NeuralModel Read(double[] header, float[] state)
    {
        Verify(header, state);
        LibTorchWarmUp.EnsureDone();
        if (header[0] != Version)
            throw new InvalidOperationException($"The neural network state has format version {header[0]}; this library reads version {Version}.");
        int hidden = (int)header[7];
        if (header.Length != FixedLength + hidden)
            throw Corrupt($"the header has {header.Length} values, not {FixedLength + hidden}");
        var architecture = new NetworkArchitecture((NeuralNetworkKind)(int)header[1], (int)header[2], (int)header[3],
            header.Skip(FixedLength).Select(v => (int)v).ToArray(), (int)header[4], (int)header[5], (int)header[6]);
        int d = architecture.InputSize;
        if (state.Length < 2 * d)
            throw Corrupt($"its {state.Length} values do not hold the standardization of {d} features");
        var scaling = new FeatureScaling(state.AsSpan(0, d).ToArray(), state.AsSpan(d, d).ToArray());
        var network = architecture.Build();
        long expected = NetworkWeights.Count(network);
        if (state.Length - 2 * d != expected)
            throw Corrupt($"it holds {state.Length - 2 * d} weights; the network has {expected}");
        NetworkWeights.Write(network, state.AsSpan(2 * d));
        Interlocked.Increment(ref s_buildCount);
        return new NeuralModel(architecture, scaling, network);
    }

    private static InvalidOperationException Corrupt(string detail) =>
        new($"The saved neural network state is corrupt (checksum mismatch): {detail}. The model zip was changed after it was saved; save the model again.");
}

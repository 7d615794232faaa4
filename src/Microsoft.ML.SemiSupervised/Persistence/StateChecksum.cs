using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Microsoft.ML.SemiSupervised.Persistence;

/// <summary>
/// The SHA-256 checksum a saved model state carries in its header, as label propagation's format (versions 2 and 3)
/// and the neural package's format write it: eight 32-bit parts stored as doubles from <c>hashStart</c>, over the rest
/// of the header and the state. It is checked on first use, and it is the content id under which loaded models share
/// one model in memory. Part of the frozen formats: the bytes hashed must not change.
/// </summary>
internal static class StateChecksum
{
    /// <summary>The number of header values the checksum takes.</summary>
    public const int Parts = 8;

    /// <summary>Hashes the header (but for the checksum's own values) and the state, and writes the hash into the header.</summary>
    public static void Write(double[] header, int hashStart, float[] state)
    {
        var hash = Compute(header, hashStart, state);
        for (int part = 0; part < Parts; part++)
            header[hashStart + part] = BitConverter.ToUInt32(hash, part * 4);
    }

    /// <summary>The content id a header names: its checksum as hexadecimal text.</summary>
    /// <exception cref="InvalidOperationException">The header's checksum values are not a checksum (from <paramref name="corrupt"/>).</exception>
    public static string ContentId(double[] header, int hashStart, Func<string, InvalidOperationException> corrupt)
    {
        if (header.Length < hashStart + Parts)
            throw corrupt($"the header has {header.Length} values, too few to hold its checksum");
        var bytes = new byte[Parts * 4];
        for (int part = 0; part < Parts; part++)
        {
            double value = header[hashStart + part];
            if (!(value >= 0 && value <= uint.MaxValue) || value != Math.Floor(value))
                throw corrupt("the header's checksum is not a checksum");
            BitConverter.TryWriteBytes(bytes.AsSpan(part * 4), (uint)value);
        }
        return Convert.ToHexString(bytes);
    }

    /// <summary>Checks that header and state match the header's checksum.</summary>
    /// <exception cref="InvalidOperationException">They do not: the zip was changed after it was saved (from <paramref name="corrupt"/>).</exception>
    public static void Verify(double[] header, int hashStart, float[] state, Func<string, InvalidOperationException> corrupt)
    {
        var expected = ContentId(header, hashStart, corrupt);
        var actual = Convert.ToHexString(Compute(header, hashStart, state));
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
            throw corrupt("the state does not match the checksum saved with it");
    }

    private static byte[] Compute(double[] header, int hashStart, float[] state)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(header.AsSpan(0, hashStart)));
        hash.AppendData(MemoryMarshal.AsBytes(header.AsSpan(hashStart + Parts)));
        hash.AppendData(MemoryMarshal.AsBytes(state.AsSpan()));
        return hash.GetHashAndReset();
    }
}

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// Flips bytes across the largest data entry of a saved label propagation zip (its state) and checks that every
/// loaded copy either predicts what the intact model predicts (the byte carried no state), fails at load, or fails
/// with the checksum message: never a silent wrong answer.
/// </summary>
internal static class FlippedStateBytes
{
    /// <summary>Asserts the above for <paramref name="saved"/>, reading predictions with <paramref name="read"/>; at least one flip must reach the checksum.</summary>
    public static void AssertCaughtByTheChecksum<T>(byte[] saved, Func<ITransformer, T> read, T expected)
    {
        var stateEntry = ZipEntries.Read(saved).Where(e => e.Key.EndsWith(".idv", StringComparison.Ordinal)).MaxBy(e => e.Value.Length).Key;
        int checksumErrors = 0;
        int length = ZipEntries.Read(saved)[stateEntry].Length;
        for (int position = length / 4; position < length - 16; position += length / 12)
        {
            var corrupt = ZipEntries.Rewrite(saved, stateEntry, bytes => bytes[position] ^= 0x5A);
            ITransformer loaded;
            try
            {
                loaded = new MLContext(1).Model.Load(new MemoryStream(corrupt), out _);
            }
            catch (Exception error) when (error is not InvalidOperationException || !error.Message.Contains("checksum", StringComparison.Ordinal))
            {
                continue; // ML.NET could not read the entry at all: a clear failure at load, not a silent one
            }
            try
            {
                Assert.Equal(expected, read(loaded)); // the flip hit bytes that do not carry the state
            }
            catch (InvalidOperationException error)
            {
                // ML.NET's parallel cursors wrap a mapping's exception ("Splitter/consolidator worker encountered exception ...").
                var inner = error.Message.StartsWith("Splitter/consolidator", StringComparison.Ordinal) ? error.InnerException! : error;
                Assert.StartsWith("The saved label propagation state is corrupt (checksum mismatch)", inner.Message);
                Assert.Contains("save the model again", inner.Message);
                checksumErrors++;
            }
        }
        Assert.True(checksumErrors > 0, "no flipped byte reached the checksum");
    }
}

using System.IO.Compression;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>
/// A saved model zip's entries, read and written back with one entry changed (to corrupt a saved model on purpose);
/// shared with the neural tests, which link this file.
/// </summary>
internal static class ZipEntries
{
    public static Dictionary<string, byte[]> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = e.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            return copy.ToArray();
        });
    }

    public static byte[] Rewrite(byte[] zip, string entryName, Action<byte[]> change)
    {
        var entries = Read(zip);
        change(entries[entryName]);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }
}

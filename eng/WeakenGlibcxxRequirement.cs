using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks a shared library's requirement of GLIBCXX_3.4.32 weak (VER_FLG_WEAK) and the symbols bound to it weak and
/// unversioned, in place (see LibTorchSharpOnDebian12.targets). ELF64 little-endian only; does nothing when the
/// library has no such requirement or was already edited.
/// </summary>
public sealed class WeakenGlibcxxRequirement : Task
{
    private const string Version = "GLIBCXX_3.4.32";

    [Required]
    public string Library { get; set; } = "";

    public override bool Execute()
    {
        var data = File.ReadAllBytes(Library);
        if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[4] != 2 || data[5] != 1)
            return true;
        long sectionTable = BitConverter.ToInt64(data, 0x28);
        int entrySize = BitConverter.ToUInt16(data, 0x3A);
        int sectionCount = BitConverter.ToUInt16(data, 0x3C);
        int dynsym = -1, versym = -1, verneed = -1;
        for (int i = 0; i < sectionCount; i++)
        {
            uint type = BitConverter.ToUInt32(data, (int)(sectionTable + i * entrySize + 4));
            if (type == 11) dynsym = i;
            else if (type == 0x6fffffff) versym = i;
            else if (type == 0x6ffffffe) verneed = i;
        }
        if (dynsym < 0 || versym < 0 || verneed < 0)
            return true;
        long Offset(int section) => BitConverter.ToInt64(data, (int)(sectionTable + section * entrySize + 0x18));
        long Size(int section) => BitConverter.ToInt64(data, (int)(sectionTable + section * entrySize + 0x20));
        int Link(int section) => BitConverter.ToInt32(data, (int)(sectionTable + section * entrySize + 0x28));
        long strings = Offset(Link(dynsym));
        string Text(long offset)
        {
            int end = Array.IndexOf(data, (byte)0, (int)offset);
            return Encoding.ASCII.GetString(data, (int)offset, end - (int)offset);
        }

        int versionIndex = -1;
        long need = Offset(verneed);
        while (true)
        {
            int auxCount = BitConverter.ToUInt16(data, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(data, (int)need + 8);
            for (int a = 0; a < auxCount; a++)
            {
                uint name = BitConverter.ToUInt32(data, (int)aux + 8);
                if (Text(strings + name) == Version)
                {
                    ushort flags = BitConverter.ToUInt16(data, (int)aux + 4);
                    BitConverter.GetBytes((ushort)(flags | 2)).CopyTo(data, (int)aux + 4);
                    versionIndex = BitConverter.ToUInt16(data, (int)aux + 6);
                }
                uint nextAux = BitConverter.ToUInt32(data, (int)aux + 12);
                if (nextAux == 0) break;
                aux += nextAux;
            }
            uint next = BitConverter.ToUInt32(data, (int)need + 12);
            if (next == 0) break;
            need += next;
        }
        if (versionIndex < 0)
            return true;
        int symbolCount = (int)(Size(dynsym) / 24);
        int edited = 0;
        for (int s = 0; s < symbolCount; s++)
        {
            int versionAt = (int)(Offset(versym) + 2 * s);
            if ((BitConverter.ToUInt16(data, versionAt) & 0x7fff) != versionIndex)
                continue;
            int symbolAt = (int)(Offset(dynsym) + 24 * s);
            BitConverter.GetBytes((ushort)1).CopyTo(data, versionAt);
            data[symbolAt + 4] = (byte)((2 << 4) | (data[symbolAt + 4] & 0xf));
            Log.LogMessage(MessageImportance.Low, $"{Library}: {Text(strings + BitConverter.ToUInt32(data, symbolAt))} no longer requires {Version}.");
            edited++;
        }
        File.WriteAllBytes(Library, data);
        Log.LogMessage(MessageImportance.Normal, $"Weakened the {Version} requirement of {Library} ({edited} symbol(s)) for Debian 12's libstdc++.");
        return true;
    }
}

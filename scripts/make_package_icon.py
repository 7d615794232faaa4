# Draws src/Microsoft.ML.SemiSupervised/icon.png (run by hand: python3 scripts/make_package_icon.py src/Microsoft.ML.SemiSupervised/icon.png).
# The package icon: labeled rows (white, amber) among many unlabeled ones (lavender) on .NET purple.
import struct, zlib, sys
N = 128
bg = (0x51, 0x2b, 0xd4)
dots = [((34, 38), 11, (255, 255, 255)), ((58, 28), 9, (255, 255, 255)),
        ((92, 90), 11, (255, 176, 0)), ((68, 100), 9, (255, 176, 0)),
        ((40, 70), 7, (185, 166, 240)), ((66, 60), 7, (185, 166, 240)), ((96, 54), 7, (185, 166, 240)),
        ((28, 100), 7, (185, 166, 240)), ((100, 26), 7, (185, 166, 240)), ((86, 72), 7, (185, 166, 240))]
def pixel(x, y):
    r = 20  # rounded corners
    cx = min(max(x, r), N - 1 - r); cy = min(max(y, r), N - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    for (px, py), rad, c in dots:
        if (x - px) ** 2 + (y - py) ** 2 <= rad * rad:
            return c + (255,)
    return bg + (255,)
raw = b"".join(b"\x00" + bytes(v for x in range(N) for v in pixel(x, y)) for y in range(N))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)

using TorchSharp;

namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// Moves the pixels of a batch of images (ML.NET's layout: channel after channel, row after row) by a per-image
/// geometric map, nearest pixel, edges repeated: one gather over the batch.
/// </summary>
internal static class ImageSampling
{
    /// <summary>
    /// Output pixel (y, x) of image i takes the pixel of the source at <c>map[i]</c> applied to (y, x), in coordinates
    /// centred on the image: <c>source = (a y + b x + c, d y + e x + f)</c> with <c>map[i] = (a, b, c, d, e, f)</c>.
    /// </summary>
    public static torch.Tensor Remap(torch.Tensor rows, int height, int width, int channels, double[][] maps)
    {
        int count = maps.Length;
        int plane = height * width;
        var index = ReusedBuffers.Index((long)count * channels * plane);
        double cy = (height - 1) / 2.0, cx = (width - 1) / 2.0;
        for (int i = 0; i < count; i++)
        {
            var m = maps[i];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double py = y - cy, px = x - cx;
                    int sy = Math.Clamp((int)Math.Round(m[0] * py + m[1] * px + m[2] + cy), 0, height - 1);
                    int sx = Math.Clamp((int)Math.Round(m[3] * py + m[4] * px + m[5] + cx), 0, width - 1);
                    for (int c = 0; c < channels; c++)
                        index[((long)i * channels + c) * plane + y * width + x] = (long)c * plane + sy * width + sx;
                }
            }
        }
        using var gatherIndex = ReusedBuffers.Lend(index, rows, count, (long)channels * plane);
        return rows.gather(1, gatherIndex);
    }

    /// <summary>The identity map.</summary>
    public static double[] Identity() => [1, 0, 0, 0, 1, 0];

    /// <summary>A shift by (dy, dx) pixels: output (y, x) shows source (y - dy, x - dx).</summary>
    public static double[] Shift(double dy, double dx) => [1, 0, -dy, 0, 1, -dx];

    /// <summary><paramref name="first"/> applied to the image, then <paramref name="second"/>.</summary>
    public static double[] Then(double[] first, double[] second)
    {
        // The source of an output point goes through the second map's source, then the first's.
        var s = second;
        var f = first;
        return
        [
            f[0] * s[0] + f[1] * s[3], f[0] * s[1] + f[1] * s[4], f[0] * s[2] + f[1] * s[5] + f[2],
            f[3] * s[0] + f[4] * s[3], f[3] * s[1] + f[4] * s[4], f[3] * s[2] + f[4] * s[5] + f[5],
        ];
    }
}

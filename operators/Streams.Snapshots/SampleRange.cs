namespace Streams.Snapshots;

/// <summary>
/// Sample maps applied while copying planes. Decoded video is limited ("studio") range, Y 16..235 and Cb/Cr 16..240,
/// while JPEG (JFIF) readers assume full range 0..255: without the expansion every snapshot looks washed out.
/// </summary>
internal static class SampleRange
{
    /// <summary>Leaves samples as they are.</summary>
    public static readonly byte[] Identity = Build(static v => v);

    /// <summary>Luma 16..235 to 0..255.</summary>
    public static readonly byte[] LimitedToFullLuma = Build(static v => (v - 16) * 255.0 / 219.0);

    /// <summary>Chroma 16..240 (centred on 128) to 0..255.</summary>
    public static readonly byte[] LimitedToFullChroma = Build(static v => ((v - 128) * 255.0 / 224.0) + 128);

    private static byte[] Build(Func<double, double> map)
    {
        var table = new byte[256];
        for (int v = 0; v < 256; v++)
        {
            table[v] = (byte)Math.Clamp(Math.Round(map(v)), 0, 255);
        }

        return table;
    }
}

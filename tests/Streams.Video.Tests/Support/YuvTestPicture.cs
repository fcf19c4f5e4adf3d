using Streams.Runtime;

namespace Streams.Video.Tests.Support;

/// <summary>A yuv420p picture filled with one colour, inside a larger array whose guard bytes detect stray writes.</summary>
internal sealed class YuvTestPicture
{
    public const byte Guard = 0xA5;
    private const int GuardLength = 4096;

    public YuvTestPicture(int width, int height, byte y = 16, byte u = 128, byte v = 128)
    {
        Width = width;
        Height = height;
        Length = PixelFormats.FrameSize(PixelFormat.Yuv420p, width, height);
        Storage = new byte[GuardLength + Length + GuardLength];
        Storage.AsSpan().Fill(Guard);
        Span<byte> pixels = Pixels;
        pixels[..(width * height)].Fill(y);
        pixels.Slice(width * height, width * height / 4).Fill(u);
        pixels.Slice(width * height * 5 / 4, width * height / 4).Fill(v);
        Y = y;
    }

    public int Width { get; }

    public int Height { get; }

    public int Length { get; }

    public byte Y { get; }

    public byte[] Storage { get; }

    public Span<byte> Pixels => Storage.AsSpan(GuardLength, Length);

    public byte LumaAt(int x, int y) => Pixels[(y * Width) + x];

    public bool GuardsIntact()
    {
        return Storage.AsSpan(0, GuardLength).IndexOfAnyExcept(Guard) < 0
            && Storage.AsSpan(GuardLength + Length).IndexOfAnyExcept(Guard) < 0;
    }
}

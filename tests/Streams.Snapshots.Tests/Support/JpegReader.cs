using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Streams.Snapshots.Interop;

namespace Streams.Snapshots.Tests.Support;

/// <summary>Checks a JPEG's structure by hand and decodes it with libturbojpeg, independently of the encoder's code.</summary>
internal static unsafe class JpegReader
{
    /// <summary>Width and height from the first SOF marker, after checking SOI at the start and EOI at the end.</summary>
    public static (int Width, int Height) ReadFrameHeader(ReadOnlySpan<byte> jpeg)
    {
        Assert.True(jpeg.Length > 4, "too short for a JPEG");
        Assert.True(jpeg[0] == 0xFF && jpeg[1] == 0xD8, "no SOI marker");
        Assert.True(jpeg[^2] == 0xFF && jpeg[^1] == 0xD9, "no EOI marker");
        int at = 2;
        while (at + 4 <= jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[at]);
            byte marker = jpeg[at + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);

            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                int height = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 5)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 7)..]);
                return (width, height);
            }

            at += 2 + length;
        }

        Assert.Fail("no SOF marker");
        return default;
    }

    /// <summary>Decodes to packed RGB.</summary>
    public static (byte[] Rgb, int Width, int Height) DecodeRgb(ReadOnlySpan<byte> jpeg)
    {
        using TurboJpegHandle handle = TurboJpegNative.InitDecompress();
        fixed (byte* source = jpeg)
        {
            int width, height, subsampling, colorspace;
            var size = new CULong((nuint)jpeg.Length);
            Assert.Equal(0, TurboJpegNative.DecompressHeader3(handle, source, size, &width, &height, &subsampling, &colorspace));
            byte[] rgb = new byte[width * height * 3];
            fixed (byte* destination = rgb)
            {
                Assert.Equal(0, TurboJpegNative.Decompress2(handle, source, size, destination, width, width * 3, height, TurboJpegNative.PixelRgb, 0));
            }

            return (rgb, width, height);
        }
    }

    /// <summary>The mean of each of the three channels.</summary>
    public static (double R, double G, double B) Mean(byte[] rgb)
    {
        double r = 0, g = 0, b = 0;
        for (int i = 0; i < rgb.Length; i += 3)
        {
            r += rgb[i];
            g += rgb[i + 1];
            b += rgb[i + 2];
        }

        int n = rgb.Length / 3;
        return (r / n, g / n, b / n);
    }
}

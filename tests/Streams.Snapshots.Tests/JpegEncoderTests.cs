using System.Buffers;
using System.Diagnostics;
using Streams.Runtime;
using Streams.Snapshots.Tests.Support;
using Xunit.Abstractions;

namespace Streams.Snapshots.Tests;

[Trait("Tier", "Unit")]
public sealed class JpegEncoderTests(ITestOutputHelper output)
{
    private const double Tolerance = 4;

    [Theory]
    [InlineData(PixelFormat.Yuv420p)]
    [InlineData(PixelFormat.Nv12)]
    public void A_flat_4_2_0_crop_decodes_to_its_colour_at_the_crop_s_size(PixelFormat format)
    {
        // A grey 160x120 frame with a 40x32 orange-brown patch at (48, 24); the crop is exactly the patch.
        var pool = new FramePool();
        Frame frame = pool.Rent(TestPictures.Stream(), 160, 120, format);
        TestPictures.FillYuv420(frame.Pixels, 160, 120, format, 0, 0, 160, 120, 128, 128, 128);
        TestPictures.FillYuv420(frame.Pixels, 160, 120, format, 48, 24, 40, 32, 120, 100, 160);
        using var encoder = new JpegEncoder(quality: 90);
        var jpeg = new ArrayBufferWriter<byte>();

        Assert.True(encoder.TryEncodeCrop(frame, new BoxF(48, 24, 40, 32), jpeg, out JpegCrop crop));
        frame.Release();

        Assert.Equal(new JpegCrop(40, 32, jpeg.WrittenCount), crop);
        Assert.Equal((40, 32), JpegReader.ReadFrameHeader(jpeg.WrittenSpan));
        (byte[] rgb, int width, int height) = JpegReader.DecodeRgb(jpeg.WrittenSpan);
        Assert.Equal((40, 32), (width, height));
        AssertColour(TestPictures.Bt601LimitedToRgb(120, 100, 160), JpegReader.Mean(rgb));
    }

    [Theory]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgb24)]
    public void A_flat_packed_crop_decodes_to_its_colour(PixelFormat format)
    {
        var pool = new FramePool();
        Frame frame = pool.Rent(TestPictures.Stream(), 64, 48, format);
        frame.Pixels.Clear();
        (byte first, byte third) = format == PixelFormat.Bgr24 ? ((byte)40, (byte)200) : ((byte)200, (byte)40);
        TestPictures.FillPacked(frame.Pixels, 64, 10, 5, 21, 17, first, 120, third);
        using var encoder = new JpegEncoder();
        var jpeg = new ArrayBufferWriter<byte>();

        Assert.True(encoder.TryEncodeCrop(frame, new BoxF(10, 5, 21, 17), jpeg, out JpegCrop crop));
        frame.Release();

        Assert.Equal((21, 17), (crop.Width, crop.Height));
        Assert.Equal((21, 17), JpegReader.ReadFrameHeader(jpeg.WrittenSpan));
        AssertColour((200, 120, 40), JpegReader.Mean(JpegReader.DecodeRgb(jpeg.WrittenSpan).Rgb));
    }

    [Fact]
    public void A_gray8_crop_decodes_to_its_level()
    {
        var pool = new FramePool();
        Frame frame = pool.Rent(TestPictures.Stream(), 32, 32, PixelFormat.Gray8);
        frame.Pixels.Fill(77);
        using var encoder = new JpegEncoder();
        var jpeg = new ArrayBufferWriter<byte>();

        Assert.True(encoder.TryEncodeCrop(frame, new BoxF(3, 3, 9, 11), jpeg, out JpegCrop crop));
        frame.Release();

        Assert.Equal((9, 11), JpegReader.ReadFrameHeader(jpeg.WrittenSpan));
        Assert.Equal((9, 11), (crop.Width, crop.Height));
        AssertColour((77, 77, 77), JpegReader.Mean(JpegReader.DecodeRgb(jpeg.WrittenSpan).Rgb));
    }

    [Fact]
    public void A_crop_longer_than_the_max_side_is_shrunk_keeping_its_aspect_and_colour()
    {
        var pool = new FramePool();
        Frame frame = pool.Rent(TestPictures.Stream(), 640, 480, PixelFormat.Yuv420p);
        TestPictures.FillYuv420(frame.Pixels, 640, 480, PixelFormat.Yuv420p, 0, 0, 640, 480, 120, 100, 160);
        using var encoder = new JpegEncoder(maxSide: 64);
        var jpeg = new ArrayBufferWriter<byte>();

        Assert.True(encoder.TryEncodeCrop(frame, new BoxF(100, 50, 400, 200), jpeg, out JpegCrop crop));
        frame.Release();

        Assert.Equal((64, 32), (crop.Width, crop.Height));
        Assert.Equal((64, 32), JpegReader.ReadFrameHeader(jpeg.WrittenSpan));
        AssertColour(TestPictures.Bt601LimitedToRgb(120, 100, 160), JpegReader.Mean(JpegReader.DecodeRgb(jpeg.WrittenSpan).Rgb));
    }

    [Fact]
    public void A_box_is_grown_to_even_pixels_and_clipped_to_the_frame()
    {
        var pool = new FramePool();
        Frame frame = pool.Rent(TestPictures.Stream(), 100, 80, PixelFormat.Yuv420p);
        frame.Pixels.Fill(128);
        using var encoder = new JpegEncoder();
        var jpeg = new ArrayBufferWriter<byte>();

        // 11.5..30.2 x 7..26.6 becomes 10..32 x 6..28; -20..30 x 70..95 becomes 0..30 x 70..80.
        Assert.True(encoder.TryEncodeCrop(frame, new BoxF(11.5f, 7, 18.7f, 19.6f), jpeg, out JpegCrop inside));
        Assert.True(encoder.TryEncodeCrop(frame, new BoxF(-20, 70, 50, 25), jpeg, out JpegCrop edge));
        Assert.False(encoder.TryEncodeCrop(frame, new BoxF(200, 10, 20, 20), jpeg, out _));
        Assert.False(encoder.TryEncodeCrop(frame, new BoxF(float.NaN, 10, 20, 20), jpeg, out _));
        frame.Release();

        Assert.Equal((22, 22), (inside.Width, inside.Height));
        Assert.Equal((30, 10), (edge.Width, edge.Height));
    }

    [Fact]
    public void Encoding_a_crop_allocates_nothing_and_reports_its_time()
    {
        // Smooth gradients with a little texture, like camera content (pure noise would inflate size and time tenfold).
        var pool = new FramePool();
        Frame frame = pool.Rent(TestPictures.Stream(), 1280, 720, PixelFormat.Yuv420p);
        Span<byte> pixels = frame.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            int x = i % 1280;
            int y = i / 1280 % 720;
            pixels[i] = (byte)(40 + ((x + y) / 12) + ((x * 7) ^ (y * 13)) % 9);
        }

        TestPictures.FillYuv420(frame.Pixels, 1280, 720, PixelFormat.Yuv420p, 400, 200, 200, 300, 120, 100, 160);
        var jpeg = new ArrayBufferWriter<byte>(256 * 1024);
        var cases = new (string Name, BoxF Box, int? MaxSide)[]
        {
            ("200x300 person crop, full size", new BoxF(380, 180, 240, 340), null),
            ("640x480 crop shrunk to 320", new BoxF(300, 100, 640, 480), 320),
            ("whole 1280x720 frame, full size", new BoxF(0, 0, 1280, 720), null),
        };
        foreach ((string name, BoxF box, int? maxSide) in cases)
        {
            using var encoder = new JpegEncoder(quality: 85, maxSide: maxSide);
            JpegCrop crop = default;
            for (int i = 0; i < 20; i++)
            {
                jpeg.ResetWrittenCount();
                encoder.TryEncodeCrop(frame, box, jpeg, out crop);
            }

            const int Rounds = 200;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Rounds; i++)
            {
                jpeg.ResetWrittenCount();
                encoder.TryEncodeCrop(frame, box, jpeg, out crop);
            }

            watch.Stop();
            long perCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Rounds;
            output.WriteLine($"{name}: {watch.Elapsed.TotalMilliseconds / Rounds:F3} ms per crop, {crop.Width}x{crop.Height}, {crop.Length / 1024.0:F1} KiB, {perCall} B allocated per call");
            Assert.True(perCall < 64, $"{perCall} bytes allocated per encode");
        }

        frame.Release();
    }

    private static void AssertColour((double R, double G, double B) expected, (double R, double G, double B) actual)
    {
        Assert.True(
            Math.Abs(expected.R - actual.R) <= Tolerance && Math.Abs(expected.G - actual.G) <= Tolerance && Math.Abs(expected.B - actual.B) <= Tolerance,
            $"expected about {expected}, decoded {actual}");
    }
}

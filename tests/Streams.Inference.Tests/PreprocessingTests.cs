using Streams.Runtime;

namespace Streams.Inference.Tests;

[Trait("Tier", "Unit")]
public sealed class PreprocessingTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void A_bgr_frame_of_the_input_size_becomes_rgb_planes_scaled_to_one()
    {
        // 2x1 pixels: (b,g,r) = (10,20,30) and (40,50,60).
        byte[] frame = [10, 20, 30, 40, 50, 60];
        var pre = new ImagePreprocessor(PreprocessOptions.Default with { Resize = ResizeMode.Stretch }, 2, 1);
        float[] tensor = new float[pre.ImageSize];

        pre.Write(frame, PixelFormat.Bgr24, 2, 1, tensor);

        Assert.Equal(new[] { 30f, 60, 20, 50, 10, 40 }.Select(v => v / 255), tensor, new Near(Tolerance));
    }

    [Theory]
    [InlineData(PixelFormat.Bgr24, 37, 5)]
    [InlineData(PixelFormat.Rgb24, 64, 3)]
    [InlineData(PixelFormat.Gray8, 37, 4)]
    [InlineData(PixelFormat.Gray8, 5, 2)]
    public void Frames_of_the_input_size_are_copied_exactly_for_any_width(PixelFormat format, int w, int h)
    {
        var random = new Random(w * h);
        byte[] frame = new byte[PixelFormats.FrameSize(format, w, h)];
        random.NextBytes(frame);
        var pre = new ImagePreprocessor(new PreprocessOptions { Resize = ResizeMode.Stretch, Scale = 1 }, w, h);
        float[] tensor = new float[pre.ImageSize];

        pre.Write(frame, format, w, h, tensor);

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                for (int p = 0; p < 3; p++)
                {
                    int i = (y * w) + x;
                    byte expected = format switch
                    {
                        PixelFormat.Gray8 => frame[i],
                        PixelFormat.Rgb24 => frame[(i * 3) + p],
                        _ => frame[(i * 3) + 2 - p],
                    };
                    Assert.Equal(expected, tensor[(p * w * h) + i]);
                }
            }
        }
    }

    [Fact]
    public void Rgb_and_bgr_frames_of_the_same_picture_give_the_same_tensor_and_bgr_order_swaps_the_planes()
    {
        var random = new Random(3);
        byte[] bgr = new byte[48 * 36 * 3];
        random.NextBytes(bgr);
        byte[] rgb = new byte[bgr.Length];
        for (int i = 0; i < bgr.Length; i += 3)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = (bgr[i + 2], bgr[i + 1], bgr[i]);
        }

        var rgbModel = new ImagePreprocessor(PreprocessOptions.Default, 32, 32);
        var bgrModel = new ImagePreprocessor(PreprocessOptions.Default with { Channels = ChannelOrder.Bgr }, 32, 32);
        float[] fromBgr = new float[rgbModel.ImageSize];
        float[] fromRgb = new float[rgbModel.ImageSize];
        float[] swapped = new float[rgbModel.ImageSize];
        rgbModel.Write(bgr, PixelFormat.Bgr24, 48, 36, fromBgr);
        rgbModel.Write(rgb, PixelFormat.Rgb24, 48, 36, fromRgb);
        bgrModel.Write(bgr, PixelFormat.Bgr24, 48, 36, swapped);

        Assert.Equal(fromBgr, fromRgb);
        int plane = 32 * 32;
        Assert.Equal(fromBgr[..plane], swapped[(2 * plane)..]);
        Assert.Equal(fromBgr[(2 * plane)..], swapped[..plane]);
    }

    [Fact]
    public void The_letterbox_border_is_114_grey_and_the_content_sits_centred()
    {
        byte[] frame = new byte[4 * 2 * 3];
        frame.AsSpan().Fill(200);
        var pre = new ImagePreprocessor(PreprocessOptions.Default, 4, 4);
        float[] tensor = new float[pre.ImageSize];

        ImageTransform t = pre.Write(frame, PixelFormat.Bgr24, 4, 2, tensor);

        Assert.Equal((0, 1, 4, 2), (t.PadLeft, t.PadTop, t.ContentWidth, t.ContentHeight));
        for (int p = 0; p < 3; p++)
        {
            for (int y = 0; y < 4; y++)
            {
                float expected = (y is 1 or 2 ? 200f : 114f) / 255;
                for (int x = 0; x < 4; x++)
                {
                    Assert.Equal(expected, tensor[(p * 16) + (y * 4) + x], Tolerance);
                }
            }
        }
    }

    [Fact]
    public void Mean_and_std_normalise_each_model_channel()
    {
        byte[] frame = [0, 128, 255];
        var options = new PreprocessOptions { Resize = ResizeMode.Stretch, Mean = [0.5f, 0.25f, 0], Std = [0.5f, 0.25f, 2] };
        var pre = new ImagePreprocessor(options, 1, 1);
        float[] tensor = new float[3];

        pre.Write(frame, PixelFormat.Bgr24, 1, 1, tensor);

        // Model channel 0 is red (255), 1 green (128), 2 blue (0).
        Assert.Equal(((255f / 255) - 0.5f) / 0.5f, tensor[0], Tolerance);
        Assert.Equal(((128f / 255) - 0.25f) / 0.25f, tensor[1], Tolerance);
        Assert.Equal(0f, tensor[2], Tolerance);
    }

    [Fact]
    public void Bilinear_halving_averages_pixel_pairs_at_pixel_centres()
    {
        // One row of grey: 0, 10, 20, ..., 70 -> 4 pixels.
        byte[] frame = new byte[8];
        for (int i = 0; i < 8; i++)
        {
            frame[i] = (byte)(i * 10);
        }

        var pre = new ImagePreprocessor(new PreprocessOptions { Resize = ResizeMode.Stretch, Scale = 1 }, 4, 1);
        float[] tensor = new float[pre.ImageSize];

        pre.Write(frame, PixelFormat.Gray8, 8, 1, tensor);

        Assert.Equal([5f, 25, 45, 65], tensor[..4]);
    }

    [Fact]
    public void Nearest_sampling_picks_source_pixels()
    {
        byte[] frame = new byte[8];
        for (int i = 0; i < 8; i++)
        {
            frame[i] = (byte)(i * 10);
        }

        var pre = new ImagePreprocessor(new PreprocessOptions { Resize = ResizeMode.Stretch, Scale = 1, Filter = ResizeFilter.Nearest }, 4, 1);
        float[] tensor = new float[pre.ImageSize];

        pre.Write(frame, PixelFormat.Gray8, 8, 1, tensor);

        Assert.Equal([10f, 30, 50, 70], tensor[..4]);
    }

    [Fact]
    public void Upscaling_interpolates_between_pixels_and_holds_the_edges()
    {
        byte[] frame = [0, 100];
        var pre = new ImagePreprocessor(new PreprocessOptions { Resize = ResizeMode.Stretch, Scale = 1 }, 4, 1);
        float[] tensor = new float[pre.ImageSize];

        pre.Write(frame, PixelFormat.Gray8, 2, 1, tensor);

        Assert.Equal([0f, 25, 75, 100], tensor[..4]);
    }

    [Theory]
    [InlineData(PixelFormat.Yuv420p)]
    [InlineData(PixelFormat.Nv12)]
    public void Yuv_frames_convert_with_bt601_limited_range(PixelFormat format)
    {
        // A flat 4x2 picture: Y 120, U 90, V 170.
        byte[] frame = YuvFrame(format, 4, 2, 120, 90, 170);
        var pre = new ImagePreprocessor(new PreprocessOptions { Resize = ResizeMode.Stretch, Scale = 1 }, 4, 2);
        float[] tensor = new float[pre.ImageSize];

        pre.Write(frame, format, 4, 2, tensor);

        float c = 1.164383f * (120 - 16);
        float r = c + (1.596027f * (170 - 128));
        float g = c - (0.391762f * (90 - 128)) - (0.812968f * (170 - 128));
        float b = c + (2.017232f * (90 - 128));
        Assert.All(tensor[..8], v => Assert.Equal(r, v, 1e-3f));
        Assert.All(tensor[8..16], v => Assert.Equal(g, v, 1e-3f));
        Assert.All(tensor[16..], v => Assert.Equal(Math.Clamp(b, 0, 255), v, 1e-3f));
    }

    [Fact]
    public void Yuv420p_and_nv12_of_the_same_picture_give_the_same_tensor_when_resized()
    {
        var random = new Random(11);
        const int W = 64;
        const int H = 48;
        byte[] planar = new byte[W * H * 3 / 2];
        random.NextBytes(planar);
        byte[] nv12 = new byte[planar.Length];
        planar.AsSpan(0, W * H).CopyTo(nv12);
        int quarter = W * H / 4;
        for (int i = 0; i < quarter; i++)
        {
            nv12[(W * H) + (2 * i)] = planar[(W * H) + i];
            nv12[(W * H) + (2 * i) + 1] = planar[(W * H) + quarter + i];
        }

        var pre = new ImagePreprocessor(PreprocessOptions.Default, 40, 40);
        float[] a = new float[pre.ImageSize];
        float[] b = new float[pre.ImageSize];
        pre.Write(planar, PixelFormat.Yuv420p, W, H, a);
        pre.Write(nv12, PixelFormat.Nv12, W, H, b);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Gray_frames_fill_all_three_planes()
    {
        byte[] frame = [51, 102];
        var pre = new ImagePreprocessor(PreprocessOptions.Default with { Resize = ResizeMode.Stretch }, 2, 1);
        float[] tensor = new float[pre.ImageSize];

        pre.Write(frame, PixelFormat.Gray8, 2, 1, tensor);

        Assert.Equal(new[] { 0.2f, 0.4f, 0.2f, 0.4f, 0.2f, 0.4f }, tensor, new Near(Tolerance));
    }

    [Fact]
    public void A_crop_samples_only_the_boxed_region()
    {
        const int W = 40;
        const int H = 30;
        byte[] frame = new byte[W * H * 3];
        for (int y = 10; y < 20; y++)
        {
            frame.AsSpan(((y * W) + 5) * 3, 8 * 3).Fill(250);
        }

        var pre = new ImagePreprocessor(PreprocessOptions.Default with { Resize = ResizeMode.Stretch }, 16, 16);
        float[] tensor = new float[pre.ImageSize];

        ImageTransform t = pre.WriteCrop(frame, PixelFormat.Bgr24, W, H, new BoxF(5, 10, 8, 10), tensor);

        Assert.Equal((5, 10, 8, 10), (t.RegionLeft, t.RegionTop, t.RegionWidth, t.RegionHeight));
        Assert.All(tensor, v => Assert.Equal(250f / 255, v, Tolerance));
    }

    [Fact]
    public void Float16_inputs_get_the_float_values_rounded_to_half()
    {
        var random = new Random(5);
        byte[] frame = new byte[20 * 10 * 3];
        random.NextBytes(frame);
        var pre = new ImagePreprocessor(PreprocessOptions.Default, 16, 16);
        float[] single = new float[pre.ImageSize];
        Half[] half = new Half[pre.ImageSize];

        pre.Write(frame, PixelFormat.Bgr24, 20, 10, single);
        pre.Write(frame, PixelFormat.Bgr24, 20, 10, half.AsSpan());

        Assert.Equal(single.Select(v => (Half)v), half);
    }

    [Fact]
    public void Too_few_pixels_or_a_short_destination_are_refused()
    {
        var pre = new ImagePreprocessor(PreprocessOptions.Default, 8, 8);
        float[] tensor = new float[pre.ImageSize];

        Assert.Throws<ArgumentException>(() => pre.Write(new byte[10], PixelFormat.Bgr24, 8, 8, tensor));
        Assert.Throws<ArgumentException>(() => pre.Write(new byte[8 * 8 * 3], PixelFormat.Bgr24, 8, 8, new float[10]));
    }

    internal static byte[] YuvFrame(PixelFormat format, int w, int h, byte y, byte u, byte v)
    {
        byte[] frame = new byte[w * h * 3 / 2];
        frame.AsSpan(0, w * h).Fill(y);
        if (format == PixelFormat.Yuv420p)
        {
            frame.AsSpan(w * h, w * h / 4).Fill(u);
            frame.AsSpan((w * h) + (w * h / 4)).Fill(v);
        }
        else
        {
            for (int i = w * h; i < frame.Length; i += 2)
            {
                frame[i] = u;
                frame[i + 1] = v;
            }
        }

        return frame;
    }

    private sealed class Near(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}

using Streams.Runtime;

namespace Streams.Inference.Tests;

[Trait("Tier", "Unit")]
public sealed class ImageTransformTests
{
    [Theory]
    [InlineData(1280, 720, 640, 640, 640, 360, 0, 140)]
    [InlineData(1920, 1080, 640, 640, 640, 360, 0, 140)]
    [InlineData(720, 1280, 640, 640, 360, 640, 140, 0)]
    [InlineData(640, 480, 640, 640, 640, 480, 0, 80)]
    [InlineData(100, 75, 64, 64, 64, 48, 0, 8)]
    [InlineData(641, 479, 320, 320, 320, 239, 0, 40)]
    public void Letterbox_sizes_and_padding_match_ultralytics(int w, int h, int tw, int th, int cw, int ch, int left, int top)
    {
        ImageTransform t = ImageTransform.Letterbox(w, h, tw, th);

        Assert.Equal((cw, ch, left, top), (t.ContentWidth, t.ContentHeight, t.PadLeft, t.PadTop));
    }

    [Fact]
    public void A_box_taken_to_the_letterboxed_input_and_back_lands_within_a_pixel_of_where_it_was()
    {
        var random = new Random(7);
        foreach ((int w, int h) in new[] { (1920, 1080), (1280, 720), (704, 576), (480, 640), (333, 777) })
        {
            ImageTransform t = ImageTransform.Letterbox(w, h, 640, 640);
            for (int i = 0; i < 200; i++)
            {
                float left = random.NextSingle() * (w - 10);
                float top = random.NextSingle() * (h - 10);
                var box = new BoxF(left, top, random.NextSingle() * (w - left), random.NextSingle() * (h - top));

                BoxF back = t.ToSource(t.ToModel(box));

                Assert.InRange(MathF.Abs(back.Left - box.Left), 0, 1);
                Assert.InRange(MathF.Abs(back.Top - box.Top), 0, 1);
                Assert.InRange(MathF.Abs(back.Right - box.Right), 0, 1);
                Assert.InRange(MathF.Abs(back.Bottom - box.Bottom), 0, 1);
            }
        }
    }

    [Fact]
    public void A_rectangle_drawn_in_a_frame_is_found_in_the_letterboxed_tensor_and_maps_back_within_a_pixel()
    {
        const int W = 1280;
        const int H = 720;
        var box = new BoxF(300, 200, 400, 260);
        byte[] frame = new byte[W * H * 3];
        for (int y = (int)box.Top; y < (int)box.Bottom; y++)
        {
            frame.AsSpan(((y * W) + (int)box.Left) * 3, (int)box.Width * 3).Fill(255);
        }

        var pre = new ImagePreprocessor(PreprocessOptions.Default, 640, 640);
        float[] tensor = new float[pre.ImageSize];
        ImageTransform t = pre.Write(frame, PixelFormat.Bgr24, W, H, tensor);

        // The bright area in the input (above half intensity), as a box in input pixels.
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (int y = 0; y < 640; y++)
        {
            for (int x = 0; x < 640; x++)
            {
                if (tensor[(y * 640) + x] > 0.75f)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }

        BoxF found = t.ToSource(BoxF.FromCorners(minX, minY, maxX + 1, maxY + 1));
        Assert.InRange(MathF.Abs(found.Left - box.Left), 0, 1);
        Assert.InRange(MathF.Abs(found.Top - box.Top), 0, 1);
        Assert.InRange(MathF.Abs(found.Right - box.Right), 0, 1);
        Assert.InRange(MathF.Abs(found.Bottom - box.Bottom), 0, 1);
    }

    [Fact]
    public void Boxes_in_the_padding_are_clipped_to_the_picture()
    {
        ImageTransform t = ImageTransform.Letterbox(1280, 720, 640, 640);

        BoxF back = t.ToSource(new BoxF(-10, 100, 700, 600));

        Assert.Equal(new BoxF(0, 0, 1280, 720), back);
    }

    [Fact]
    public void A_crop_is_stretched_and_maps_back_into_the_frame()
    {
        ImageTransform t = ImageTransform.Stretch(100, 50, 40, 80, 224, 224);

        Assert.Equal(new BoxF(100, 50, 40, 80), t.ToSource(new BoxF(0, 0, 224, 224)));
        Assert.Equal(new BoxF(120, 90, 10, 20), t.ToSource(t.ToModel(new BoxF(120, 90, 10, 20))));
    }

    [Fact]
    public void Crop_regions_cover_the_box_in_whole_pixels_and_are_clipped()
    {
        Assert.Equal((10, 20, 31, 41), ImageTransform.CropRegion(new BoxF(10.5f, 20.2f, 30, 40.1f), 100, 100));
        Assert.Equal((0, 0, 5, 100), ImageTransform.CropRegion(new BoxF(-10, -5, 15, 200), 100, 100));
        Assert.Equal((100, 0, 0, 10), ImageTransform.CropRegion(new BoxF(150, 0, 10, 10), 100, 100));
    }
}

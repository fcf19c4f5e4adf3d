using System.Diagnostics;
using System.Runtime.InteropServices;
using Streams.Runtime;
using Streams.Video.Internal;
using Streams.Video.Tests.Support;
using Xunit.Abstractions;

namespace Streams.Video.Tests;

[Trait("Tier", "Unit")]
public sealed class DrawingTests(ITestOutputHelper output)
{
    private static readonly YuvColor Red = YuvColor.FromRgb(255, 0, 0);

    [Fact]
    public void A_rectangle_changes_its_two_pixel_border_and_leaves_its_interior_and_outside_untouched()
    {
        var picture = new YuvTestPicture(64, 48);
        var canvas = new YuvCanvas(picture.Pixels, 64, 48, PixelFormat.Yuv420p);

        canvas.DrawRect(10, 8, 20, 16, 2, Red);

        for (int y = 0; y < 48; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                bool inside = x >= 10 && x < 30 && y >= 8 && y < 24;
                bool interior = x >= 12 && x < 28 && y >= 10 && y < 22;
                byte expected = inside && !interior ? Red.Y : picture.Y;
                Assert.True(expected == picture.LumaAt(x, y), $"luma at ({x},{y}) is {picture.LumaAt(x, y)}, expected {expected}");
            }
        }

        // Chroma: the border's blocks take the colour, the interior's keep grey.
        int chromaU = 64 * 48;
        Assert.Equal(Red.U, picture.Pixels[chromaU + (4 * 32) + 5]);
        Assert.Equal(128, picture.Pixels[chromaU + (8 * 32) + 10]);
        Assert.True(picture.GuardsIntact());
    }

    [Fact]
    public void Text_puts_foreground_pixels_inside_its_box_only()
    {
        var picture = new YuvTestPicture(128, 64);
        var canvas = new YuvCanvas(picture.Pixels, 128, 64, PixelFormat.Yuv420p);

        int width = canvas.DrawText(10, 20, "car #12 0.87", 1, YuvColor.White);

        Assert.Equal((12 * 6) - 1, width);
        int inside = 0;
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 128; x++)
            {
                bool inBox = x >= 10 && x < 10 + width && y >= 20 && y < 27;
                if (picture.LumaAt(x, y) != picture.Y)
                {
                    Assert.True(inBox, $"text pixel outside its box at ({x},{y})");
                    inside++;
                }
            }
        }

        Assert.InRange(inside, 60, width * 7 / 2);
        Assert.True(picture.GuardsIntact());
    }

    [Fact]
    public void A_label_fills_its_background_and_draws_contrasting_text()
    {
        var picture = new YuvTestPicture(128, 64);
        var canvas = new YuvCanvas(picture.Pixels, 128, 64, PixelFormat.Yuv420p);

        (int w, int h) = canvas.DrawLabel(4, 4, "A1", 2, YuvColor.Yellow);

        Assert.Equal(YuvCanvas.MeasureLabel(2, 2), (w, h));
        Assert.Equal(YuvColor.Yellow.Y, picture.LumaAt(4, 4));
        Assert.Equal(YuvColor.Yellow.Y, picture.LumaAt(4 + w - 1, 4 + h - 1));
        Assert.Equal(picture.Y, picture.LumaAt(4 + w, 4));
        int dark = 0;
        for (int y = 4; y < 4 + h; y++)
        {
            for (int x = 4; x < 4 + w; x++)
            {
                dark += picture.LumaAt(x, y) == YuvColor.Black.Y ? 1 : 0;
            }
        }

        Assert.True(dark > 20, $"only {dark} text pixels");
    }

    [Fact]
    public void A_line_touches_both_ends_and_pixels_along_it()
    {
        var picture = new YuvTestPicture(64, 64);
        var canvas = new YuvCanvas(picture.Pixels, 64, 64, PixelFormat.Yuv420p);

        canvas.DrawLine(5, 5, 50, 40, 1, YuvColor.White);

        Assert.Equal(YuvColor.White.Y, picture.LumaAt(5, 5));
        Assert.Equal(YuvColor.White.Y, picture.LumaAt(50, 40));
        Assert.Equal(picture.Y, picture.LumaAt(50, 5));
        int lit = 0;
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                lit += picture.LumaAt(x, y) == YuvColor.White.Y ? 1 : 0;
            }
        }

        Assert.Equal(46, lit);
    }

    [Theory]
    [InlineData(-30, -30, 50, 50)]
    [InlineData(40, 30, 100, 100)]
    [InlineData(-1000000, 10, 3000000, 20)]
    [InlineData(63, 47, 1, 1)]
    [InlineData(int.MinValue / 2, int.MinValue / 2, int.MaxValue, int.MaxValue)]
    public void Shapes_at_and_past_the_edges_are_clipped_without_throwing_or_writing_outside(int x, int y, int w, int h)
    {
        var picture = new YuvTestPicture(64, 48);
        var canvas = new YuvCanvas(picture.Pixels, 64, 48, PixelFormat.Yuv420p);

        canvas.DrawRect(x, y, w, h, 2, Red);
        canvas.FillRect(x, y, w, h, Red);
        canvas.DrawLine(x, y, (int)Math.Clamp((long)x + w, int.MinValue, int.MaxValue), (int)Math.Clamp((long)y + h, int.MinValue, int.MaxValue), 3, Red);
        canvas.DrawText(x, y, "edge #99 1.00", 3, YuvColor.White);
        canvas.DrawLabel(x, y, "label", 2, Red);

        Assert.True(picture.GuardsIntact());
    }

    [Fact]
    public void The_annotator_clips_boxes_zones_and_lines_far_outside_the_frame()
    {
        var picture = new YuvTestPicture(64, 48);
        var canvas = new YuvCanvas(picture.Pixels, 64, 48, PixelFormat.Yuv420p);
        var annotator = new FrameAnnotator(["car"]);
        DetectedObject[] objects =
        [
            new(new BoxF(-50, -50, 200, 200), 0, 0.9f) { TrackId = 7 },
            new(new BoxF(60, 44, 30, 30), 5, 2f),
            new(new BoxF(float.NaN, 1e30f, float.PositiveInfinity, -5), -3, float.NaN),
        ];
        OverlayZone[] zones = [new("z", [new(-100, -100), new(1e9f, 5), new(30, 1e9f)]), new("empty", [])];
        OverlayLine[] lines = [new("l", new(-1e9f, 20), new(1e9f, 21)), new("dot", new(10, 10), new(10, 10))];
        (string, long)[] counts = [("l in", long.MaxValue), ("a very long label that runs past the edge of the frame", -1)];

        annotator.Draw(canvas, objects, zones, lines, counts);

        Assert.True(picture.GuardsIntact());
    }

    [Fact]
    public void Nv12_and_gray_pictures_are_drawn_on_within_their_size()
    {
        byte[] nv12 = new byte[(32 * 32 * 3 / 2) + 64];
        nv12.AsSpan().Fill(YuvTestPicture.Guard);
        var canvas = new YuvCanvas(nv12.AsSpan(0, 32 * 32 * 3 / 2), 32, 32, PixelFormat.Nv12);
        canvas.FillRect(-5, -5, 100, 100, Red);
        Assert.Equal(Red.U, nv12[32 * 32]);
        Assert.Equal(Red.V, nv12[(32 * 32) + 1]);
        Assert.True(nv12.AsSpan(32 * 32 * 3 / 2).IndexOfAnyExcept(YuvTestPicture.Guard) < 0);

        byte[] gray = new byte[(32 * 32) + 64];
        gray.AsSpan().Fill(YuvTestPicture.Guard);
        var grayCanvas = new YuvCanvas(gray.AsSpan(0, 32 * 32), 32, 32, PixelFormat.Gray8);
        grayCanvas.FillRect(-5, -5, 100, 100, Red);
        Assert.True(gray.AsSpan(32 * 32).IndexOfAnyExcept(YuvTestPicture.Guard) < 0);
    }

    [Fact]
    public void Annotating_a_720p_frame_allocates_nothing_and_its_cost_is_reported()
    {
        const int width = 1280;
        const int height = 720;
        var source = new YuvTestPicture(width, height, y: 90);
        byte[] copy = new byte[source.Length];
        var annotator = new FrameAnnotator(["person", "car", "truck", "bus"]);
        var objects = new List<DetectedObject>();
        for (int i = 0; i < 20; i++)
        {
            objects.Add(new DetectedObject(new BoxF(30 + (i * 60), 100 + (i * 25), 80, 120), i % 4, 0.4f + (i * 0.03f)) { TrackId = 100 + i });
        }

        OverlayZone[] zones = [new("parking", [new(100, 400), new(600, 380), new(700, 700), new(80, 710)]), new("gate", [new(900, 100), new(1200, 100), new(1200, 300)])];
        OverlayLine[] lines = [new("entry", new(200, 300), new(1100, 320)), new("exit", new(640, 0), new(640, 720)) { NameIn = "north", NameOut = "south" }];
        (string, long)[] counts = [("entry in", 12), ("entry out", 7), ("exit north", 123456)];

        void AnnotateOnce()
        {
            source.Pixels.CopyTo(copy);
            var canvas = new YuvCanvas(copy, width, height, PixelFormat.Yuv420p);
            annotator.Draw(canvas, CollectionsMarshal.AsSpan(objects), zones, lines, counts);
        }

        for (int i = 0; i < 20; i++)
        {
            AnnotateOnce();
        }

        const int runs = 300;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < runs; i++)
        {
            AnnotateOnce();
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"annotate 1280x720 (copy + 20 boxes with labels, 2 zones, 2 lines, 3 counts): {elapsed.TotalMicroseconds / runs:F1} us per frame, {allocated} bytes allocated over {runs} frames");
        Assert.Equal(0, allocated);
        Assert.NotEqual(90, copy[(105 * width) + 30]);
        Assert.Equal(90, copy[(105 * width) + 32]);
    }

    [Fact]
    public void Encoder_arguments_scale_down_frames_wider_than_the_maximum_only()
    {
        var options = new AnnotatedVideoOptions { Directory = "/tmp", MaxWidth = 960, Crf = 28, FrameRate = 12.5 };

        List<string> wide = VideoEncoder.BuildArguments(1280, 720, PixelFormat.Yuv420p, options, "/tmp/a.mp4.part");
        List<string> narrow = VideoEncoder.BuildArguments(640, 360, PixelFormat.Nv12, options, "/tmp/a.mp4.part");

        Assert.Contains("scale=960:-2", wide);
        Assert.DoesNotContain("-vf", narrow);
        Assert.Contains("nv12", narrow);
        Assert.Contains("1280x720", wide);
        Assert.Contains("12.5", wide);
        Assert.Contains("28", wide);
        Assert.Equal("/tmp/a.mp4.part", wide[^1]);
    }
}

namespace Streams.SampleStreams.Tests;

[Trait("Tier", "Unit")]
public sealed class RenderingContractTests
{
    public static TheoryData<string, double, double> Looks() => new()
    {
        { "quiet-street", 1.0, 3 },
        { "busy-crossing", 0.85, 8 },
        { "busy-crossing", 1.15, 8 },
        { "yard", 0.85, 0 },
        { "yard", 1.15, 3 },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public void Every_object_pixel_is_its_class_colour_within_20_times_brightness_or_its_outline_or_mark(string preset, double brightness, double sigma)
    {
        ScenePreset p = ScenePreset.Find(preset)!;
        Scene scene = SceneGenerator.Generate(p, TestScenes.Small(p) with { Brightness = brightness, NoiseSigma = sigma });
        int checkedPixels = 0;
        for (int f = 0; f < scene.FrameCount; f += 9)
        {
            byte[] frame = TestScenes.Render(scene, f);
            ReadOnlySpan<ObjectPlacement> placements = scene.PlacementsAt(f);
            for (int i = 0; i < placements.Length; i++)
            {
                (SceneObject obj, PixelBox box) = placements[i];
                PixelBox clipped = box.ClipTo(scene.Width, scene.Height);
                Rgb classColor = ObjectClassInfo.Of(obj.Class).Color;
                PixelBox mark = obj.MarkBox(box);
                for (int y = clipped.Top; y < clipped.Bottom; y++)
                {
                    for (int x = clipped.Left; x < clipped.Right; x++)
                    {
                        if (IsCoveredByLater(placements, i, x, y))
                        {
                            continue;
                        }

                        int o = ((y * scene.Width) + x) * 3;
                        Rgb pixel = new(frame[o], frame[o + 1], frame[o + 2]);
                        bool onOutline = x - box.Left < obj.OutlineThickness || box.Right - 1 - x < obj.OutlineThickness
                            || y - box.Top < obj.OutlineThickness || box.Bottom - 1 - y < obj.OutlineThickness;
                        bool inMark = !mark.IsEmpty && x >= mark.Left && x < mark.Right && y >= mark.Top && y < mark.Bottom;
                        if (onOutline)
                        {
                            AssertOutline(pixel, classColor, brightness, obj, x, y);
                        }
                        else if (inMark)
                        {
                            AssertMark(pixel, brightness, obj, x, y);
                        }
                        else
                        {
                            AssertFill(pixel, classColor, brightness, obj, x, y);
                        }

                        checkedPixels++;
                    }
                }
            }
        }

        Assert.True(checkedPixels > 1000, $"only {checkedPixels} object pixels checked");
    }

    [Theory]
    [MemberData(nameof(Looks))]
    public void Every_background_pixel_is_grey_with_luminance_in_the_contract_range(string preset, double brightness, double sigma)
    {
        ScenePreset p = ScenePreset.Find(preset)!;
        Scene scene = SceneGenerator.Generate(p, TestScenes.Small(p) with { Brightness = brightness, NoiseSigma = sigma });
        int markings = 0;
        for (int f = 0; f < scene.FrameCount; f += 9)
        {
            byte[] frame = TestScenes.Render(scene, f);
            bool[] covered = new bool[scene.Width * scene.Height];
            foreach ((SceneObject _, PixelBox box) in scene.PlacementsAt(f))
            {
                PixelBox c = box.ClipTo(scene.Width, scene.Height);
                for (int y = c.Top; y < c.Bottom; y++)
                {
                    for (int x = c.Left; x < c.Right; x++)
                    {
                        covered[(y * scene.Width) + x] = true;
                    }
                }
            }

            for (int i = 0; i < covered.Length; i++)
            {
                if (covered[i])
                {
                    continue;
                }

                int r = frame[i * 3];
                int g = frame[(i * 3) + 1];
                int b = frame[(i * 3) + 2];
                int spread = Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
                double luma = (0.299 * r) + (0.587 * g) + (0.114 * b);
                Assert.True(spread <= 30, $"pixel {i % scene.Width},{i / scene.Width} on frame {f} is not grey: {r},{g},{b}");
                bool ground = luma >= 60 && luma <= 160;
                bool marking = luma >= 190;
                Assert.True(ground || marking, $"pixel {i % scene.Width},{i / scene.Width} on frame {f} has luminance {luma:F1}");
                markings += marking ? 1 : 0;
            }
        }

        Assert.True(markings > 0, "the preset draws lane markings");
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1080)]
    public void Object_sizes_follow_the_contract_scaled_by_height_over_720(int height)
    {
        ScenePreset p = ScenePreset.Find("busy-crossing")!;
        SceneOptions options = TestScenes.Small(p) with { Width = height * 16 / 9, Height = height, Persons = 20, Bicycles = 20, Cars = 20, Trucks = 20 };
        Scene scene = SceneGenerator.Generate(p, options);
        double s = height / 720.0;
        foreach (SceneObject obj in scene.Objects)
        {
            ObjectClassInfo info = ObjectClassInfo.Of(obj.Class);
            Assert.InRange(obj.Width, Math.Floor(info.MinWidth * s), Math.Ceiling(info.MaxWidth * s));
            Assert.InRange(obj.Height, Math.Floor(info.MinHeight * s), Math.Ceiling(info.MaxHeight * s));
            Assert.InRange(obj.OutlineDarkening, 0, 0.4);
            if (obj.Marked)
            {
                Assert.True(info.CanBeMarked);
                Assert.InRange(obj.MarkSide, 0.3 * obj.Height, 0.4 * obj.Height);
                Assert.True(obj.MarkColor.R >= 235 && obj.MarkColor.G >= 235 && obj.MarkColor.B >= 235);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestScenes.Presets), MemberType = typeof(TestScenes))]
    public void Objects_move_at_most_12_pixels_per_frame_scaled(string preset)
    {
        ScenePreset p = ScenePreset.Find(preset)!;
        Scene scene = SceneGenerator.Generate(p, TestScenes.Small(p) with { MinSpeed = 12, MaxSpeed = 12 });
        Dictionary<int, PixelBox> previous = [];
        // Rounding both boxes to whole pixels moves the difference by under 1 px per axis: sqrt(2) at most.
        double limit = (12 * scene.Options.Scale) + Math.Sqrt(2);
        for (int f = 0; f < scene.FrameCount; f++)
        {
            Dictionary<int, PixelBox> current = [];
            foreach ((SceneObject obj, PixelBox box) in scene.PlacementsAt(f))
            {
                if (previous.TryGetValue(obj.Id, out PixelBox before))
                {
                    double dx = box.Left - before.Left;
                    double dy = box.Top - before.Top;
                    Assert.True(Math.Sqrt((dx * dx) + (dy * dy)) <= limit, $"object {obj.Id} jumped ({dx},{dy}) on frame {f}");
                }

                current[obj.Id] = box;
            }

            previous = current;
        }
    }

    private static bool IsCoveredByLater(ReadOnlySpan<ObjectPlacement> placements, int index, int x, int y)
    {
        for (int j = index + 1; j < placements.Length; j++)
        {
            PixelBox b = placements[j].Box;
            if (x >= b.Left && x < b.Right && y >= b.Top && y < b.Bottom)
            {
                return true;
            }
        }

        return false;
    }

    private static void AssertFill(Rgb pixel, Rgb classColor, double brightness, SceneObject obj, int x, int y)
    {
        // +1 for rounding after the brightness factor.
        double tolerance = (20 * brightness) + 1;
        Assert.True(
            Near(pixel.R, classColor.R * brightness, tolerance) && Near(pixel.G, classColor.G * brightness, tolerance)
            && Near(pixel.B, classColor.B * brightness, tolerance),
            $"object {obj.Id} ({obj.Class}) pixel {x},{y} is {pixel}, class colour {classColor} x {brightness}");
    }

    private static void AssertOutline(Rgb pixel, Rgb classColor, double brightness, SceneObject obj, int x, int y)
    {
        // Darker by up to 40% than a fill that is itself within +-20 of the class colour.
        static bool Within(byte p, byte c, double b) => p >= (((c - 20) * 0.6 * b) - 1) && p <= ((c + 20) * b) + 1;
        Assert.True(
            Within(pixel.R, classColor.R, brightness) && Within(pixel.G, classColor.G, brightness) && Within(pixel.B, classColor.B, brightness),
            $"object {obj.Id} ({obj.Class}) outline pixel {x},{y} is {pixel}");
    }

    private static void AssertMark(Rgb pixel, double brightness, SceneObject obj, int x, int y)
    {
        double floor = Math.Min(255, 235 * brightness) - 1;
        Assert.True(pixel.R >= floor && pixel.G >= floor && pixel.B >= floor, $"object {obj.Id} mark pixel {x},{y} is {pixel}");
    }

    private static bool Near(byte value, double expected, double tolerance) => Math.Abs(value - Math.Min(255, expected)) <= tolerance;
}

namespace Streams.SampleStreams.Tests;

[Trait("Tier", "Unit")]
public sealed class PresetTests
{
    [Theory]
    [MemberData(nameof(TestScenes.Presets), MemberType = typeof(TestScenes))]
    public void Every_requested_object_appears_on_screen(string preset)
    {
        ScenePreset p = ScenePreset.Find(preset)!;
        SceneTruth truth = SceneTruth.Compute(SceneGenerator.Generate(p, p.Defaults));
        foreach (ObjectClassInfo info in ObjectClassInfo.All)
        {
            Assert.Equal(p.Defaults.CountOf(info.Class), truth.Attributes.Count(a => a.Class == info.Class));
        }
    }

    [Theory]
    [MemberData(nameof(TestScenes.Presets), MemberType = typeof(TestScenes))]
    public void Lines_and_zones_lie_inside_the_frame_at_any_size(string preset)
    {
        ScenePreset p = ScenePreset.Find(preset)!;
        foreach ((int w, int h) in new[] { (640, 360), (1280, 720), (1920, 1080), (640, 480) })
        {
            Scene scene = SceneGenerator.Generate(p, TestScenes.Small(p) with { Width = w, Height = h });
            Assert.NotEmpty(scene.Lines);
            Assert.NotEmpty(scene.Zones);
            IEnumerable<ScenePoint> points = scene.Lines.SelectMany(static l => new[] { l.A, l.B }).Concat(scene.Zones.SelectMany(static z => z.Points));
            Assert.All(points, pt => Assert.True(pt.X >= 0 && pt.X <= w && pt.Y >= 0 && pt.Y <= h, $"{pt} outside {w}x{h}"));
        }
    }

    [Fact]
    public void Busy_crossing_lines_are_crossed_in_both_directions_and_objects_overlap()
    {
        ScenePreset p = ScenePreset.Find("busy-crossing")!;
        Scene scene = SceneGenerator.Generate(p, p.Defaults);
        SceneTruth truth = SceneTruth.Compute(scene);
        foreach (CountingLine line in scene.Lines)
        {
            Assert.True(truth.CountCrossings(line.Id, CrossingDirection.In) > 0, $"{line.Id} in");
            Assert.True(truth.CountCrossings(line.Id, CrossingDirection.Out) > 0, $"{line.Id} out");
        }

        Assert.Contains(truth.Rows, static r => r.Visibility < 0.9 && r.Conf == 1);
        Assert.True(truth.ZoneVisits.Count > 10);
    }

    [Fact]
    public void Yard_vehicles_drive_in_and_dwell_in_the_loading_bay_for_several_seconds()
    {
        ScenePreset p = ScenePreset.Find("yard")!;
        Scene scene = SceneGenerator.Generate(p, p.Defaults);
        SceneTruth truth = SceneTruth.Compute(scene);
        int fps = scene.Options.Fps;
        ZoneVisit[] dwelt = [.. truth.ZoneVisits.Where(v => v.Class is ObjectClass.Car or ObjectClass.Truck && v.ExitFrame is not null && v.FramesInside(scene.FrameCount) >= 3 * fps)];
        Assert.True(dwelt.Length >= 2, $"{dwelt.Length} complete vehicle stays of 3 s or more");
        Assert.True(truth.CountCrossings("gate", CrossingDirection.In) > 0);
        Assert.True(truth.CountCrossings("gate", CrossingDirection.Out) > 0);
    }

    [Fact]
    public void Objects_slower_than_a_quarter_pixel_per_frame_stay_parked_on_screen()
    {
        ScenePreset p = ScenePreset.Find("quiet-street")!;
        Scene scene = SceneGenerator.Generate(p, TestScenes.Small(p) with { MinSpeed = 0, MaxSpeed = 0 });
        Assert.All(scene.Objects, static o => Assert.True(o.Motion.IsStationary));
        SceneTruth truth = SceneTruth.Compute(scene);
        Assert.Equal(scene.Objects.Count * scene.FrameCount, truth.Rows.Count);
    }

    [Fact]
    public void Options_outside_the_contract_are_rejected_with_the_option_named()
    {
        SceneOptions bad = new() { Width = 641, Brightness = 1.3, NoiseSigma = 9, MinSpeed = 5, MaxSpeed = 4, Cars = -1 };
        IReadOnlyList<string> errors = bad.Validate();
        Assert.Contains(errors, static e => e.StartsWith("--width", StringComparison.Ordinal));
        Assert.Contains(errors, static e => e.StartsWith("--brightness", StringComparison.Ordinal));
        Assert.Contains(errors, static e => e.StartsWith("--noise-sigma", StringComparison.Ordinal));
        Assert.Contains(errors, static e => e.StartsWith("--max-speed", StringComparison.Ordinal));
        Assert.Contains(errors, static e => e.StartsWith("--cars", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => SceneGenerator.Generate(ScenePreset.All[0], bad));
        Assert.Empty(new SceneOptions().Validate());
    }
}

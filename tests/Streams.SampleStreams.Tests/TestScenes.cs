namespace Streams.SampleStreams.Tests;

/// <summary>Small scenes that keep the tests fast.</summary>
internal static class TestScenes
{
    public static SceneOptions Small(ScenePreset preset, ulong? seed = null) => preset.Defaults with
    {
        Width = 640,
        Height = 360,
        Fps = 10,
        DurationSeconds = 3,
        Seed = seed ?? preset.Defaults.Seed,
    };

    public static Scene Generate(string preset, SceneOptions? options = null)
    {
        ScenePreset p = ScenePreset.Find(preset)!;
        return SceneGenerator.Generate(p, options ?? Small(p));
    }

    public static SceneOptions Crafted(int frames = 10) => new()
    {
        Width = 640,
        Height = 360,
        Fps = 10,
        DurationSeconds = frames / 10.0,
        NoiseSigma = 0,
    };

    public static SceneObject Parked(int id, ObjectClass cls, double centreX, double centreY, int width, int height) =>
        new(id, cls, width, height, ObjectClassInfo.Of(cls).Color, new ObjectMotion(ObjectPath.Stationary(new ScenePoint(centreX, centreY)), 0, 0));

    public static byte[] Render(Scene scene, int frame)
    {
        FrameRenderer renderer = new(scene);
        byte[] buffer = new byte[renderer.FrameBytes];
        renderer.Render(frame, buffer);
        return buffer;
    }

    public static string GroundTruthText(SceneTruth truth) => string.Join('\n', truth.Rows.Select(static r => r.Format()));

    public static IEnumerable<object[]> Presets() => ScenePreset.All.Select(static p => new object[] { p.Name });
}

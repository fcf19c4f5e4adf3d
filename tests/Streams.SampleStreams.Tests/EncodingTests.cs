using System.Diagnostics;
using System.Globalization;

namespace Streams.SampleStreams.Tests;

[Trait("Tier", "Integration")]
public sealed class EncodingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sample-streams-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_short_h264_encode_has_every_frame_and_decodes_close_to_the_rendered_frames()
    {
        Scene scene = SmallScene();
        string output = Path.Combine(_dir, "clip.mp4");

        await SampleStreamWriter.WriteAsync(scene, output, ClipFormat.H264, "test");

        string count = await RunAsync("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames,width,height,codec_name,pix_fmt", "-of", "default=nw=1", output);
        Assert.Contains("nb_read_frames=" + scene.FrameCount.ToString(CultureInfo.InvariantCulture), count, StringComparison.Ordinal);
        Assert.Contains("codec_name=h264", count, StringComparison.Ordinal);
        Assert.Contains("pix_fmt=yuv420p", count, StringComparison.Ordinal);
        Assert.Contains("width=640", count, StringComparison.Ordinal);

        // Decode frame 5 back and compare with the renderer: lossy, but close.
        string decoded = Path.Combine(_dir, "frame5.rgb");
        await RunAsync("ffmpeg", "-v", "error", "-i", output, "-vf", "select=eq(n\\,5)", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", decoded);
        byte[] expected = TestScenes.Render(scene, 5);
        byte[] actual = await File.ReadAllBytesAsync(decoded);
        Assert.Equal(expected.Length, actual.Length);
        double error = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            error += Math.Abs(expected[i] - actual[i]);
        }

        Assert.True(error / expected.Length < 6, $"mean absolute error {error / expected.Length:F2}");

        (string gt, string attributes, string manifest) = SampleStreamWriter.SidecarPaths(output);
        Assert.True(File.Exists(gt) && File.Exists(attributes) && File.Exists(manifest));
    }

    [Fact]
    public async Task The_raw_format_writes_exactly_the_rendered_frames()
    {
        Scene scene = SmallScene();
        string output = Path.Combine(_dir, "clip.rgb");

        await SampleStreamWriter.WriteAsync(scene, output, ClipFormat.Raw, "test");

        byte[] raw = await File.ReadAllBytesAsync(output);
        int frameBytes = scene.Width * scene.Height * 3;
        Assert.Equal(frameBytes * scene.FrameCount, raw.Length);
        Assert.True(raw.AsSpan(frameBytes * 3, frameBytes).SequenceEqual(TestScenes.Render(scene, 3)));
        string gt = await File.ReadAllTextAsync(Path.Combine(_dir, "clip.gt.txt"));
        Assert.Equal(TestScenes.GroundTruthText(SceneTruth.Compute(scene)) + "\n", gt);
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_reported_clearly()
    {
        ClipEncoderOptions encoder = new() { FfmpegPath = Path.Combine(_dir, "no-such-ffmpeg") };
        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SampleStreamWriter.WriteAsync(SmallScene(), Path.Combine(_dir, "x.mp4"), ClipFormat.H264, "test", encoder));
        Assert.Contains("could not start", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ffmpeg_failure_reports_its_exit_code_and_last_stderr_lines()
    {
        ClipEncoderOptions encoder = new() { Preset = "no-such-preset" };
        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SampleStreamWriter.WriteAsync(SmallScene(), Path.Combine(_dir, "x.mp4"), ClipFormat.H264, "test", encoder));
        Assert.Contains("exit code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("preset", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static Scene SmallScene()
    {
        ScenePreset p = ScenePreset.Find("busy-crossing")!;
        return SceneGenerator.Generate(p, TestScenes.Small(p) with { DurationSeconds = 1.2 });
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        ProcessStartInfo info = new(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {await stderr}");
        return await stdout;
    }
}

using System.Diagnostics;
using Streams.Runtime;
using Streams.Sources.Tests.Support;

namespace Streams.Sources.Tests;

[Trait("Tier", "Integration")]
public sealed class FileSourceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_frame = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 30);

    [Fact]
    public async Task A_known_clip_decodes_to_every_frame_with_its_timestamp_and_size()
    {
        string clip = Path.Combine(RtspTestServer.RepositoryRoot(), "sample-streams", "quiet-street.mp4");
        await using var harness = new SourceHarness(output);
        (StreamContext stream, _) = harness.Add("street", new FfmpegSourceOptions { Uri = clip, Replay = ReplayPacing.Fast });

        harness.Start();
        await harness.CompletionAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("street");
        Assert.Equal(600, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            RecordingSink.Seen f = frames[i];
            Assert.Equal(i, f.Sequence);
            Assert.NotNull(f.Pts);
            // Timestamps come from the container's integer clock (1/15360 s): exact to well under a microsecond.
            Assert.InRange(Math.Abs((f.Pts.Value - TimeSpan.FromSeconds(i / 30.0)).Ticks), 0, 10);
            Assert.Equal((1280, 720, PixelFormat.Yuv420p, 1280 * 720 * 3 / 2), (f.Width, f.Height, f.Format, f.Length));
            Assert.NotEqual(0, f.ArrivalTimestamp);
            Assert.True(f.ArrivalTime > DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        Assert.Equal(StreamState.Ended, stream.State);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Bgr24_with_letterboxing_gives_frames_of_the_asked_size_with_black_bars()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        harness.Add("boxed", new FfmpegSourceOptions
        {
            Uri = clips.Clip, Replay = ReplayPacing.Fast, PixelFormat = PixelFormat.Bgr24, Width = 160, Height = 160, Letterbox = true,
        });

        harness.Start();
        await harness.CompletionAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("boxed");
        Assert.Equal(60, frames.Count);
        Assert.All(frames, f =>
        {
            Assert.Equal((160, 160, PixelFormat.Bgr24, 160 * 160 * 3), (f.Width, f.Height, f.Format, f.Length));
            // 320x240 into 160x160 is 160x120 with 20-pixel bars above and below: the first pixel is padding.
            Assert.Equal(0, f.FirstByte);
        });
        Assert.Contains(frames, f => f.CenterByte > 16);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Realtime_replay_is_paced_at_the_files_own_rate()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        // The 2 s clip looped and cut at 10 s: 300 frames that should take 299 frame intervals.
        harness.Add("paced", new FfmpegSourceOptions { Uri = clips.Clip, Loop = true, Duration = TimeSpan.FromSeconds(10) });

        harness.Start();
        await harness.CompletionAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("paced");
        Assert.Equal(300, frames.Count);
        TimeSpan took = Stopwatch.GetElapsedTime(frames[0].ArrivalTimestamp, frames[^1].ArrivalTimestamp);
        TimeSpan expected = s_frame * 299;
        output.WriteLine($"300 frames took {took.TotalSeconds:0.000} s, expected {expected.TotalSeconds:0.000} s");
        Assert.InRange(took.TotalSeconds, expected.TotalSeconds * 0.95, expected.TotalSeconds * 1.05);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Sampling_at_5_fps_passes_every_sixth_frame_by_its_timestamp()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        harness.Add("sampled", new FfmpegSourceOptions { Uri = clips.Clip, Replay = ReplayPacing.Fast, DetectFps = 5 });

        harness.Start();
        await harness.CompletionAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("sampled");
        Assert.Equal(10, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(i, frames[i].Sequence);
            Assert.Equal(TimeSpan.FromMilliseconds(200 * i).TotalMilliseconds, frames[i].Pts!.Value.TotalMilliseconds, 0.01);
        }

        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Sampling_at_a_rate_that_does_not_divide_the_input_stays_on_its_grid()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        harness.Add("sampled", new FfmpegSourceOptions { Uri = clips.Clip, Replay = ReplayPacing.Fast, DetectFps = 7 });

        harness.Start();
        await harness.CompletionAsync();

        // 7 of 30 over 2 s: the first frame at or after each k/7 s, so gaps of four and five frames, 14 in all.
        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("sampled");
        Assert.Equal(14, frames.Count);
        for (int k = 0; k < frames.Count; k++)
        {
            double expected = Math.Ceiling(k * 30 / 7.0 - 0.001) / 30;
            Assert.Equal(expected * 1000, frames[k].Pts!.Value.TotalMilliseconds, 0.01);
        }

        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Sampling_carries_on_across_loop_passes()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        harness.Add("looped", new FfmpegSourceOptions
        {
            Uri = clips.Clip, Replay = ReplayPacing.Fast, Loop = true, Duration = TimeSpan.FromSeconds(6), DetectFps = 5,
        });

        harness.Start();
        await harness.CompletionAsync();

        // Three passes of the 2 s clip, five frames a second each: the loop's restart neither stalls nor doubles a slot.
        Assert.Equal(30, harness.Sink.FramesOf("looped").Count);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Sampled_realtime_replay_delivers_each_kept_frame_at_its_time()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        harness.Add("slow", new FfmpegSourceOptions { Uri = clips.Clip, Loop = true, Duration = TimeSpan.FromSeconds(3), DetectFps = 1 });

        harness.Start();
        await harness.CompletionAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("slow");
        Assert.Equal(3, frames.Count);
        TimeSpan took = Stopwatch.GetElapsedTime(frames[0].ArrivalTimestamp, frames[^1].ArrivalTimestamp);
        output.WriteLine($"3 frames at 1 fps took {took.TotalSeconds:0.000} s, expected 2 s");
        Assert.InRange(took.TotalSeconds, 1.9, 2.1);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Start_and_duration_trim_the_file_and_timestamps_keep_the_files_clock()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        harness.Add("trimmed", new FfmpegSourceOptions
        {
            Uri = clips.Clip, Replay = ReplayPacing.Fast, Start = TimeSpan.FromSeconds(0.5), Duration = TimeSpan.FromSeconds(1),
        });

        harness.Start();
        await harness.CompletionAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("trimmed");
        Assert.Equal(30, frames.Count);
        Assert.Equal(500, frames[0].Pts!.Value.TotalMilliseconds, 0.01);
        Assert.Equal(500 + (29 * 1000 / 30.0), frames[^1].Pts!.Value.TotalMilliseconds, 0.01);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task A_looped_file_keeps_its_timestamps_growing_until_the_pipeline_stops()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        (StreamContext stream, FfmpegSource source) = harness.Add("looped", new FfmpegSourceOptions { Uri = clips.Clip, Replay = ReplayPacing.Fast, Loop = true });

        harness.Start();
        await harness.Sink.WaitForFramesAsync("looped", 150);
        await harness.StopAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("looped");
        Assert.True(frames.Count >= 150);
        for (int i = 1; i < frames.Count; i++)
        {
            Assert.True(frames[i].Pts > frames[i - 1].Pts, $"frame {i}: {frames[i].Pts} after {frames[i - 1].Pts}");
        }

        Assert.True(frames[^1].Pts > TimeSpan.FromSeconds(4.9), $"last timestamp {frames[^1].Pts}");
        Assert.Equal(StreamState.Ended, stream.State);
        Assert.Equal("stopped", stream.Reason);
        Assert.Equal(1, source.Launches);
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task A_resolution_change_mid_stream_delivers_the_later_frames_at_the_new_size()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        harness.Add("resizing", new FfmpegSourceOptions { Uri = clips.Resizing, Replay = ReplayPacing.Fast });

        harness.Start();
        await harness.CompletionAsync();

        IReadOnlyList<RecordingSink.Seen> frames = harness.Sink.FramesOf("resizing");
        Assert.Equal(60, frames.Count);
        Assert.All(frames.Take(30), f => Assert.Equal((320, 240, 320 * 240 * 3 / 2), (f.Width, f.Height, f.Length)));
        Assert.All(frames.Skip(30), f => Assert.Equal((160, 120, 160 * 120 * 3 / 2), (f.Width, f.Height, f.Length)));
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == SourceLogEvents.ResolutionChanged.Id && e.Message.Contains("to 160x120", StringComparison.Ordinal));
        harness.AssertCleanEnd();
    }

    [Fact]
    public async Task Disposing_the_source_kills_its_ffmpeg_and_ends_the_stream()
    {
        TestClips clips = await TestClips.GetAsync();
        await using var harness = new SourceHarness(output);
        (StreamContext stream, FfmpegSource source) = harness.Add("disposed", new FfmpegSourceOptions { Uri = clips.Clip, Loop = true });

        harness.Start();
        await harness.Sink.WaitForFramesAsync("disposed", 3);
        int pid = source.ProcessId ?? throw new InvalidOperationException("no ffmpeg running");
        source.Dispose();
        await harness.CompletionAsync();

        Assert.False(Posix.IsAlive(pid));
        Assert.Equal(StreamState.Ended, stream.State);
        harness.AssertCleanEnd();
    }
}

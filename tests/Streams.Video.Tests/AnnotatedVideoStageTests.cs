using System.Diagnostics;
using Streams.Runtime;
using Streams.Video.Tests.Support;
using Xunit.Abstractions;

namespace Streams.Video.Tests;

[Trait("Tier", "Integration")]
public sealed class AnnotatedVideoStageTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-video-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_frame_of_every_stream_ends_up_in_its_mp4_scaled_to_the_maximum_width()
    {
        const int frames = 60;
        var pool = new FramePool();
        var options = new AnnotatedVideoOptions
        {
            Directory = _directory,
            ClassNames = ["person", "car", "truck"],
            Zones = new Dictionary<string, IReadOnlyList<OverlayZone>> { ["cam-1"] = [new("dock", [new(100, 400), new(600, 380), new(700, 700)])] },
            Lines = new Dictionary<string, IReadOnlyList<OverlayLine>> { ["cam-1"] = [new("entry", new(0, 360), new(1280, 360))] },
            Counts = static stream => stream == "cam-1" ? [("entry in", 3), ("entry out", 1)] : [],
        };
        var wide = new SyntheticSource(frames, 1280, 720);
        var small = new SyntheticSource(frames, 320, 240);
        var stage = new AnnotatedVideoStage(options);
        await using (stage)
        {
            await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool }).Then(stage).Build();
            pipeline.AddStream(new StreamSpec("cam-1", "synthetic", wide, EdgeOptions.Default));
            pipeline.AddStream(new StreamSpec("cam 2", "synthetic", small, EdgeOptions.Default));

            long start = Stopwatch.GetTimestamp();
            pipeline.Start();
            await pipeline.Completion.WaitAsync(TestTimeouts.Wait);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);

            AnnotatedVideoStatistics statistics = stage.GetStatistics();
            output.WriteLine($"encoded {statistics.FramesEncoded} frames (60 of 1280x720 -> 960x540 and 60 of 320x240) in {elapsed.TotalMilliseconds:F0} ms " +
                $"including two ffmpeg starts and finishes: {statistics.FramesEncoded / elapsed.TotalSeconds:F0} fps");
            Assert.Equal(new AnnotatedVideoStatistics(2 * frames, 2 * frames, 0, 2, 0), statistics);
            Assert.True(pool.GetStatistics().IsBalanced);
        }

        Assert.Equal($"960,540,{frames}", await ProbeAsync(Path.Combine(_directory, "cam-1.mp4")));
        Assert.Equal($"320,240,{frames}", await ProbeAsync(Path.Combine(_directory, "cam_2.mp4")));
        Assert.Empty(Directory.GetFiles(_directory, "*.part"));
        Assert.Empty(ChildProcesses.Live());
    }

    [Fact]
    public async Task Encoder_throughput_on_720p_is_reported()
    {
        const int frames = 240;
        var stage = new AnnotatedVideoStage(new AnnotatedVideoOptions { Directory = _directory, ClassNames = ["person", "car", "truck"] });
        await using (stage)
        {
            await using Pipeline pipeline = PipelineBuilder.Create().Then(stage).Build();
            pipeline.AddStream(new StreamSpec("bench", "synthetic", new SyntheticSource(frames, 1280, 720), EdgeOptions.Default));
            long start = Stopwatch.GetTimestamp();
            pipeline.Start();
            await pipeline.Completion.WaitAsync(TestTimeouts.Wait);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            output.WriteLine($"encoder: {frames} frames of 1280x720 (scaled to 960x540, libx264 ultrafast) in {elapsed.TotalMilliseconds:F0} ms: {frames / elapsed.TotalSeconds:F0} fps end to end");
            Assert.Equal(frames, stage.GetStatistics().FramesEncoded);
        }

        Assert.Equal($"960,540,{frames}", await ProbeAsync(Path.Combine(_directory, "bench.mp4")));
    }

    [Fact]
    public async Task Dispose_while_a_stream_runs_finishes_its_file_and_leaves_no_ffmpeg_running()
    {
        var source = new SyntheticSource(10, 320, 240) { HoldOpen = true };
        var seen = new SignalStage(10);
        var stage = new AnnotatedVideoStage(new AnnotatedVideoOptions { Directory = _directory });
        await using Pipeline pipeline = PipelineBuilder.Create().Then(stage).Then(seen).Build();
        pipeline.AddStream(new StreamSpec("live", "synthetic", source, EdgeOptions.Default));
        pipeline.Start();
        await seen.Reached.WaitAsync(TestTimeouts.Wait);

        await stage.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Wait);

        Assert.Empty(ChildProcesses.Live());
        Assert.Equal("320,240,10", await ProbeAsync(Path.Combine(_directory, "live.mp4")));
        await pipeline.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Wait);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task An_encoder_that_stops_reading_is_killed_after_the_close_timeout_and_reported()
    {
        string fake = Path.Combine(_directory, "stuck-ffmpeg");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'stuck: not reading' >&2\nexec sleep 600\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stage = new AnnotatedVideoStage(new AnnotatedVideoOptions
        {
            Directory = _directory,
            FfmpegPath = fake,
            CloseTimeout = TimeSpan.FromSeconds(1),
            StallTimeout = TimeSpan.FromSeconds(1),
            QueueCapacity = 2,
        });
        var source = new SyntheticSource(8, 640, 480);
        await using (stage)
        {
            await using Pipeline pipeline = PipelineBuilder.Create().Then(stage).Build();
            pipeline.AddStream(new StreamSpec("stuck", "synthetic", source, EdgeOptions.Default));
            pipeline.Start();

            // The pipe (64 KiB) takes no whole 460 KB frame, so the queue fills and the stage waits until its stall
            // timeout kills the encoder; the rest of the stream passes unrecorded.
            await pipeline.Completion.WaitAsync(TestTimeouts.Wait);
            Assert.Empty(ChildProcesses.Live());
            AnnotatedVideoStatistics statistics = stage.GetStatistics();
            Assert.Equal(1, statistics.EncoderFailures);
            Assert.Equal(0, statistics.FilesWritten);
            Assert.True(statistics.FramesNotRecorded > 0);
        }

        Assert.False(File.Exists(Path.Combine(_directory, "stuck.mp4")));
        Assert.Empty(Directory.GetFiles(_directory, "*.part"));
    }

    [Fact]
    public async Task A_missing_ffmpeg_fails_the_file_not_the_pipeline()
    {
        var stage = new AnnotatedVideoStage(new AnnotatedVideoOptions { Directory = _directory, FfmpegPath = "/nonexistent/ffmpeg" });
        await using (stage)
        {
            var pool = new FramePool();
            await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool }).Then(stage).Build();
            StreamContext stream = pipeline.AddStream(new StreamSpec("cam", "synthetic", new SyntheticSource(20, 64, 48), EdgeOptions.Default));
            pipeline.Start();
            await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

            Assert.Equal(StreamState.Ended, stream.State);
            Assert.Equal(20, stream.FramesCompleted);
            Assert.Equal(1, stage.GetStatistics().EncoderFailures);
            Assert.True(pool.GetStatistics().IsBalanced);
        }
    }

    private static async Task<string> ProbeAsync(string file)
    {
        Assert.True(File.Exists(file), $"{file} is missing");
        var info = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-v", "error", "-count_frames", "-show_entries", "stream=width,height,nb_read_frames", "-of", "csv=p=0", file })
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Wait);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        return (await stdout).Trim();
    }

    /// <summary>Passes frames on and completes <see cref="Reached"/> once <c>count</c> frames went by.</summary>
    private sealed class SignalStage(int count) : TransformStage<Frame>("signal")
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _seen;

        public Task Reached => _reached.Task;

        protected override bool Transform(Frame item)
        {
            if (++_seen >= count)
            {
                _reached.TrySetResult();
            }

            return true;
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Streams.Runtime;
using Streams.Sources;

namespace Streams.Benchmarks;

/// <summary>
/// Frames per second an <see cref="FfmpegSource"/> delivers into a pipeline from a 1080p clip, against
/// <c>ffmpeg ... -f null -</c> decoding the same clip to the same pixel format (the ceiling: decoding with no
/// delivery at all), plus this process's CPU time and allocations per frame.
/// </summary>
internal sealed class DecodeBenchmark : IBenchmark
{
    public string Name => "decode";

    public string Description => "1080p decode into the pipeline vs ffmpeg -f null (fps, ratio, C# CPU ms and bytes per frame)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        // args: [clip] [runs]; without a clip, a 20 s 1080p sample is generated once into the temp folder.
        string clip = args.Length > 0 ? args[0] : await EnsureClipAsync(cancellationToken);
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"decode benchmark: {clip}, best of {runs} runs per row, {Environment.ProcessorCount} cores");
        Console.WriteLine("  ffmpeg -f null: decode only, nothing delivered (the target: pipeline >= 0.9 of it)");
        Console.WriteLine("  raw to null:    ffmpeg -f rawvideo into /dev/null: its raw output with no pipe and no reader");
        Console.WriteLine("  bare pipe:      ffmpeg -f rawvideo into a pipe, drained by a plain read loop (the transport alone)");
        Console.WriteLine("  pipeline:       FfmpegSource (showinfo, pooled frames) into a pipeline with one stage");
        Console.WriteLine($"{"format",-8} {"frames",7} {"-f null fps",12} {"raw to null fps",16} {"bare pipe fps",14} {"pipeline fps",13} {"vs null",8} {"vs pipe",8} {"C# CPU ms/frame",16} {"bytes/frame (warm)",19}");
        foreach (PixelFormat format in new[] { PixelFormat.Yuv420p, PixelFormat.Bgr24 })
        {
            double baseline = 0;
            double rawToNull = 0;
            double bare = 0;
            Measurement best = default;
            for (int run = 0; run < runs; run++)
            {
                // Interleaved, best of each: the figures see the same background load.
                cancellationToken.ThrowIfCancellationRequested();
                Measurement m = await MeasurePipelineAsync(clip, format, cancellationToken);
                if (m.Fps > best.Fps)
                {
                    best = m;
                }

                baseline = Math.Max(baseline, await MeasureFfmpegAsync(clip, format, m.Frames, FfmpegOutput.Null, cancellationToken));
                rawToNull = Math.Max(rawToNull, await MeasureFfmpegAsync(clip, format, m.Frames, FfmpegOutput.RawToDevNull, cancellationToken));
                bare = Math.Max(bare, await MeasureFfmpegAsync(clip, format, m.Frames, FfmpegOutput.RawToPipe, cancellationToken));
            }

            Console.WriteLine($"{PixelFormats.FfmpegName(format),-8} {best.Frames,7} {baseline,12:F1} {rawToNull,16:F1} {bare,14:F1} {best.Fps,13:F1} {best.Fps / baseline,8:F2} {best.Fps / bare,8:F2} {best.CpuMsPerFrame,16:F3} {best.BytesPerFrame,19:F0}");
        }

        return 0;
    }

    private static async Task<Measurement> MeasurePipelineAsync(string clip, PixelFormat format, CancellationToken cancellationToken)
    {
        var pool = new FramePool();
        var sink = new Sink(pool);
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool }).Then(sink).Build();
        StreamContext stream = pipeline.AddStream(FfmpegSourceFactory.CreateStream("bench",
            new FfmpegSourceOptions { Uri = clip, Replay = ReplayPacing.Fast, PixelFormat = format }));
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        pipeline.Start();
        await pipeline.Completion.WaitAsync(cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        // Frame buffers the pool added after the warm-up (more frames in flight) are not per-frame garbage.
        long poolGrowth = (pool.GetStatistics().Buffers.Allocated - sink.WarmBuffers) * sink.FrameBytes;
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - sink.WarmBytes - poolGrowth;
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime - cpu0;
        if (stream.State != StreamState.Ended || !pool.GetStatistics().IsBalanced)
        {
            throw new InvalidOperationException($"the run did not end cleanly: {stream.State} {stream.Reason}; {pool.GetStatistics()}");
        }

        long frames = stream.FramesCompleted;
        return new Measurement(frames, frames / seconds, cpu.TotalMilliseconds / frames, (double)bytes / (frames - Sink.WarmUpFrames));
    }

    private static async Task<double> MeasureFfmpegAsync(string clip, PixelFormat format, long frames, FfmpegOutput output, CancellationToken cancellationToken)
    {
        bool pipe = output == FfmpegOutput.RawToPipe;
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = pipe };
        foreach (string arg in new[]
        {
            "-hide_banner", "-nostats", "-nostdin", "-loglevel", "error", "-i", clip, "-map", "0:v:0", "-an", "-sn", "-dn",
            "-fps_mode", "passthrough", "-pix_fmt", PixelFormats.FfmpegName(format), "-f", output == FfmpegOutput.Null ? "null" : "rawvideo", output switch
            {
                FfmpegOutput.Null => "-",
                FfmpegOutput.RawToDevNull => "/dev/null",
                _ => "pipe:1",
            }, "-y",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using Process ffmpeg = Process.Start(info)!;
        Task<string> errors = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
        if (pipe)
        {
            // Blocking reads on a thread of their own, like the source's: the cheapest way to drain a pipe.
            Stream stdout = ffmpeg.StandardOutput.BaseStream;
            await Task.Factory.StartNew(() =>
            {
                byte[] buffer = new byte[1 << 20];
                while (stdout.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        await ffmpeg.WaitForExitAsync(cancellationToken);
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {await errors}");
        }

        return frames / clock.Elapsed.TotalSeconds;
    }

    private static async Task<string> EnsureClipAsync(CancellationToken cancellationToken)
    {
        string clip = Path.Combine(Path.GetTempPath(), "streams-bench", "decode-1080p.mp4");
        if (File.Exists(clip))
        {
            return clip;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(clip)!);
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Streams.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Streams.sln not found: pass a clip path");
        }

        Console.WriteLine($"generating {clip} with the sample generator (once)...");
        string partial = clip + ".part.mp4";
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
        foreach (string arg in new[]
        {
            "run", "-c", "Release", "--project", "tools/Streams.SampleStreams", "--", "--preset", "busy-crossing",
            "--width", "1920", "--height", "1080", "--duration", "20", "-o", partial,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using Process generator = Process.Start(info)!;
        await generator.WaitForExitAsync(cancellationToken);
        if (generator.ExitCode != 0)
        {
            throw new InvalidOperationException($"the sample generator failed with exit code {generator.ExitCode}");
        }

        File.Move(partial, clip);
        return clip;
    }

    private readonly record struct Measurement(long Frames, double Fps, double CpuMsPerFrame, double BytesPerFrame);

    /// <summary>Takes every frame and lets the pipeline release it; notes the allocations once warm.</summary>
    private sealed class Sink(FramePool pool) : TransformStage<Frame>("sink")
    {
        // Frames before allocations count: the frame pool fills and the JIT settles meanwhile.
        public const int WarmUpFrames = 100;

        private int _seen;

        public long WarmBytes { get; private set; }

        public long WarmBuffers { get; private set; }

        public long FrameBytes { get; private set; }

        protected override bool Transform(Frame item)
        {
            if (++_seen == WarmUpFrames)
            {
                FrameBytes = item.Pixels.Length;
                WarmBuffers = pool.GetStatistics().Buffers.Allocated;
                WarmBytes = GC.GetTotalAllocatedBytes(precise: true);
            }

            return true;
        }
    }

    private enum FfmpegOutput
    {
        /// <summary>Decoded frames go nowhere (wrapped, never copied).</summary>
        Null,

        /// <summary>Raw frames written to /dev/null: ffmpeg's cost of producing raw output, without a pipe or a reader.</summary>
        RawToDevNull,

        /// <summary>Raw frames into a pipe that a plain loop drains.</summary>
        RawToPipe,
    }
}

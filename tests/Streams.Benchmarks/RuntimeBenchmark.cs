using System.Diagnostics;
using Streams.Runtime;

namespace Streams.Benchmarks;

/// <summary>
/// Frames per second through six pass-through stages from eight streams, and bytes allocated per frame once warm:
/// the runtime's own overhead, with no decoding or inference in the way.
/// </summary>
internal sealed class RuntimeBenchmark : IBenchmark
{
    private static readonly int Streams = int.Parse(Environment.GetEnvironmentVariable("BENCH_STREAMS") ?? "8", System.Globalization.CultureInfo.InvariantCulture);
    private const int Stages = 6;

    public string Name => "runtime";

    public string Description => "frames/s and bytes allocated per frame: 8 streams through 6 pass-through stages";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        Console.WriteLine($"runtime benchmark: {Streams} streams, {Stages} pass-through stages, 640x360 yuv420p, queue 8, {seconds:F0} s per row");
        Console.WriteLine($"{"policy",-12} {"frames/s",12} {"bytes/frame",12} {"gen0",6} {"gen1",6} {"gen2",6} {"dropped",9} {"leaked",7}");
        foreach (EdgePolicy policy in new[] { EdgePolicy.Wait, EdgePolicy.DropOldest })
        {
            await RunOnceAsync(policy, seconds, cancellationToken);
        }

        return 0;
    }

    private static async Task RunOnceAsync(EdgePolicy policy, double seconds, CancellationToken cancellationToken)
    {
        var pool = new FramePool();
        PipelineBuilder<Frame> builder = PipelineBuilder.Create(new PipelineSettings { FramePool = pool, CompleteWhenStreamsEnd = false });
        for (int i = 0; i < Stages; i++)
        {
            builder = builder.Then(new PassThrough($"stage-{i}"));
        }

        await using Pipeline pipeline = builder.Build();
        var streams = new List<StreamContext>();
        for (int i = 0; i < Streams; i++)
        {
            streams.Add(pipeline.AddStream(new StreamSpec($"s{i}", "bench", new EndlessSource(),
                new EdgeOptions { Capacity = 8, Policy = policy })));
        }

        pipeline.Start();

        // Warm up: JIT tiers, pools and channel segments settle before anything is counted.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        long frames0 = Completed(streams);
        long bytes0 = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        long frames = Completed(streams) - frames0;
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes0;
        double elapsed = clock.Elapsed.TotalSeconds;
        int g0 = GC.CollectionCount(0) - gen0, g1 = GC.CollectionCount(1) - gen1, g2 = GC.CollectionCount(2) - gen2;

        await pipeline.StopAsync(CancellationToken.None);
        long dropped = 0;
        foreach (StreamContext s in streams)
        {
            dropped += s.TotalDropped;
        }

        FramePoolStatistics stats = pool.GetStatistics();
        Console.WriteLine($"{(policy == EdgePolicy.Wait ? "wait" : "drop-oldest"),-12} {frames / elapsed,12:N0} {(double)bytes / frames,12:F2} {g0,6} {g1,6} {g2,6} {dropped,9:N0} {stats.Outstanding,7}");
    }

    private static long Completed(List<StreamContext> streams)
    {
        long total = 0;
        foreach (StreamContext s in streams)
        {
            total += s.FramesCompleted;
        }

        return total;
    }

    private sealed class PassThrough(string name) : TransformStage<Frame>(name)
    {
        protected override bool Transform(Frame item) => true;
    }

    private sealed class EndlessSource : IFrameSource
    {
        public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
        {
            long n = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                Frame frame = output.Rent(640, 360, PixelFormat.Yuv420p);
                frame.Pts = TimeSpan.FromTicks(n++ * 333_333);
                if (!await output.WriteAsync(frame).ConfigureAwait(false))
                {
                    return;
                }

                // A drop-oldest edge never makes its writer wait: yield so that a source faster than the pipeline
                // (as no camera is) shares the cores instead of spinning the stages out of them.
                if (output.Policy == EdgePolicy.DropOldest)
                {
                    await Task.Yield();
                }
            }
        }
    }
}

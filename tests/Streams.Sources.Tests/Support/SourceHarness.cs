using Streams.Runtime;

namespace Streams.Sources.Tests.Support;

/// <summary>A pipeline of one recording sink, with log capture and ffmpeg tracking, for sources under test.</summary>
internal sealed class SourceHarness : IAsyncDisposable
{
    public SourceHarness(ITestOutputHelper? output = null)
    {
        Logs = new LogCapture(output);
        Pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = Pool, LoggerFactory = Logs }).Then(Sink).Build();
    }

    public FramePool Pool { get; } = new();

    public RecordingSink Sink { get; } = new();

    public LogCapture Logs { get; }

    public FfmpegTracker Ffmpeg { get; } = new();

    public Pipeline Pipeline { get; }

    /// <summary>Adds a stream fed by a new <see cref="FfmpegSource"/>; the source reports its ffmpeg processes to <see cref="Ffmpeg"/>.</summary>
    public (StreamContext Stream, FfmpegSource Source) Add(string id, FfmpegSourceOptions options, Func<double>? random = null)
    {
        var source = new FfmpegSource(options, Logs.CreateLogger(FfmpegSourceFactory.LogCategory))
        {
            ProcessStarted = Ffmpeg.Track,
            Random = random,
        };
        var edge = new EdgeOptions { Capacity = 8, Policy = options.IsLive ? EdgePolicy.DropOldest : EdgePolicy.Wait };
        StreamContext stream = Pipeline.AddStream(new StreamSpec(id, source.DisplayUri, source, edge));
        return (stream, source);
    }

    public void Start() => Pipeline.Start();

    /// <summary>Waits for the pipeline to finish on its own (every stream ended or failed).</summary>
    public Task CompletionAsync(TimeSpan? timeout = null) => Pipeline.Completion.WaitAsync(timeout ?? TestTimeouts.Wait);

    /// <summary>Stops gracefully and asserts that it drained in time.</summary>
    public async Task StopAsync()
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Stop);
        StopOutcome outcome = await Pipeline.StopAsync(deadline.Token);
        Assert.Equal(StopOutcome.Drained, outcome);
    }

    /// <summary>The checks every test ends with: no frame leaked, no ffmpeg left running.</summary>
    public void AssertCleanEnd()
    {
        Assert.True(Pipeline.Completion.IsCompleted, "the pipeline is still running");
        Assert.True(Pool.GetStatistics().IsBalanced, Pool.GetStatistics().ToString());
        Ffmpeg.AssertNoneRunning();
    }

    public async ValueTask DisposeAsync() => await Pipeline.DisposeAsync();
}

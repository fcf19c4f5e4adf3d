using Streams.Runtime;
using Streams.Runtime.Tests.Support;

namespace Streams.Runtime.Tests;

[Trait("Tier", "Unit")]
public sealed class StopTests
{
    [Fact]
    public async Task A_graceful_stop_stops_the_sources_and_drains_every_in_flight_frame_through_every_stage()
    {
        var pool = new FramePool();
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new PassThroughStage("s1")).Then(new PassThroughStage("s2")).Then(new PassThroughStage("s3"))
            .Then(sink)
            .Build();
        var sources = new List<CountingSource>();
        var streams = new List<StreamContext>();
        for (int i = 0; i < 4; i++)
        {
            var source = new CountingSource(null);
            sources.Add(source);
            streams.Add(pipeline.AddStream(new StreamSpec($"cam-{i}", "test", source, new EdgeOptions { Capacity = 8 })));
        }

        pipeline.Start();
        await Task.WhenAll(sources.Select(s => s.FirstFrame)).WaitAsync(TestTimeouts.Wait);
        StopOutcome outcome = await pipeline.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Wait);

        Assert.Equal(StopOutcome.Drained, outcome);
        Assert.All(sources, s => Assert.True(s.Finished.IsCompleted));
        foreach (StreamContext stream in streams)
        {
            Assert.Equal(StreamState.Ended, stream.State);
            Assert.Equal(0, stream.TotalDropped);
            Assert.Equal(stream.FramesProduced, stream.FramesCompleted);
            Assert.Equal(stream.FramesProduced, sink.SequencesOf(stream.Id).Count);
            Assert.Equal(1, sink.EndMarkersOf(stream.Id));
        }

        Assert.Equal(1, sink.CompleteCalls);
        Assert.True(pool.GetStatistics().IsBalanced);
    }

    [Fact]
    public async Task A_stop_past_its_deadline_discards_in_flight_frames_counts_them_and_leaks_nothing()
    {
        var pool = new FramePool();
        using var gate = new SemaphoreSlim(0);
        var sink = new RecordingSink { Gate = gate };
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new PassThroughStage("s1"))
            .Then(sink)
            .Build();
        var source = new CountingSource(null);
        StreamContext stream = pipeline.AddStream(new StreamSpec("cam", "test", source, new EdgeOptions { Capacity = 4 }));

        pipeline.Start();
        await source.FirstFrame.WaitAsync(TestTimeouts.Wait);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        StopOutcome outcome = await pipeline.StopAsync(deadline.Token).WaitAsync(TestTimeouts.Wait);

        Assert.Equal(StopOutcome.Forced, outcome);
        Assert.True(source.Finished.IsCompleted);
        Assert.True(stream.GetDropped(DropReason.Shutdown) > 0);
        Assert.Equal(stream.FramesProduced, stream.FramesCompleted + stream.TotalDropped);
        Assert.True(pool.GetStatistics().IsBalanced, pool.GetStatistics().ToString());
    }

    [Fact]
    public async Task A_stage_that_finishes_its_work_after_a_forced_stop_ended_the_next_one_is_stopped_not_failed()
    {
        var pool = new FramePool();
        using var inside = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new UninterruptibleStage(inside, release))
            .Then(new RecordingSink())
            .Build();
        pipeline.AddStream(new StreamSpec("cam", "test", new CountingSource(null), new EdgeOptions { Capacity = 4 }));
        pipeline.Start();
        await inside.WaitAsync(TestTimeouts.Wait);

        // The forced stop ends every stage's input at once, the next stage's too, while this one still works.
        pipeline.Abort();
        release.Release();
        Exception? ending = await Record.ExceptionAsync(() => pipeline.Completion.WaitAsync(TestTimeouts.Wait));

        Assert.True(ending is null or OperationCanceledException, $"the pipeline failed: {ending}");
        Assert.True(pool.GetStatistics().IsBalanced, pool.GetStatistics().ToString());
    }

    [Fact]
    public async Task Abort_is_harmless_when_repeated_and_after_completion()
    {
        var pool = new FramePool();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new RecordingSink())
            .Build();
        pipeline.AddStream(new StreamSpec("cam", "test", new CountingSource(20), EdgeOptions.Default));
        pipeline.Start();
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        pipeline.Abort();
        pipeline.Abort();

        Assert.True(pool.GetStatistics().IsBalanced);
    }

    [Fact]
    public async Task A_pipeline_started_without_streams_finishes_at_once_when_it_completes_with_its_streams()
    {
        await using Pipeline pipeline = PipelineBuilder.Create().Then(new RecordingSink()).Build();
        pipeline.Start();
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);
        Assert.True(pipeline.Completion.IsCompletedSuccessfully);
    }

    /// <summary>Like a native inference call: once inside, it finishes its frame whatever the stop says.</summary>
    private sealed class UninterruptibleStage(SemaphoreSlim inside, SemaphoreSlim release) : Stage<Frame, Frame>("uninterruptible")
    {
        private bool _held;

        public override async ValueTask ProcessAsync(Frame item, StageOutput<Frame> output, CancellationToken cancellationToken)
        {
            if (!_held)
            {
                _held = true;
                inside.Release();
                await release.WaitAsync(TestTimeouts.Wait, CancellationToken.None); // deaf to the stop, on purpose
            }

            await output.WriteAsync(item);
        }
    }
}

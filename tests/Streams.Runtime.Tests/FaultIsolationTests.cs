using Streams.Runtime;
using Streams.Runtime.Tests.Support;

namespace Streams.Runtime.Tests;

[Trait("Tier", "Unit")]
public sealed class FaultIsolationTests
{
    private static StreamSpec Spec(string id, IFrameSource source) => new(id, "test://" + id, source, new EdgeOptions { Capacity = 4 });

    [Fact]
    public async Task A_stage_that_throws_on_one_stream_ends_that_stream_and_the_others_finish()
    {
        var pool = new FramePool();
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new PassThroughStage("decode"))
            .Then(new PassThroughStage("detect", f => f.Stream.Id == "b" && f.Sequence == 50))
            .Then(new PassThroughStage("track"))
            .Then(sink)
            .Build();
        StreamContext a = pipeline.AddStream(Spec("a", new CountingSource(200)));
        StreamContext b = pipeline.AddStream(Spec("b", new CountingSource(null)));
        StreamContext c = pipeline.AddStream(Spec("c", new CountingSource(200)));

        pipeline.Start();
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        Assert.Equal(StreamState.Failed, b.State);
        Assert.Contains("detect", b.Reason, StringComparison.Ordinal);
        Assert.Contains("frame 50 of b", b.Reason, StringComparison.Ordinal);
        // Frames of b before the bad one may reach the sink; from the failure on, the rest are discarded and counted.
        IReadOnlyList<long> seenOfB = sink.SequencesOf("b");
        Assert.Equal(Enumerable.Range(0, seenOfB.Count).Select(i => (long)i), seenOfB);
        Assert.InRange(seenOfB.Count, 0, 50);
        Assert.Equal(b.FramesProduced, b.FramesCompleted + b.GetDropped(DropReason.StreamFailed) + b.GetDropped(DropReason.Shutdown));
        Assert.Equal(StreamState.Ended, a.State);
        Assert.Equal(StreamState.Ended, c.State);
        Assert.Equal(200, sink.SequencesOf("a").Count);
        Assert.Equal(200, sink.SequencesOf("c").Count);
        Assert.Equal(1, sink.EndMarkersOf("b"));
        Assert.True(pool.GetStatistics().IsBalanced, pool.GetStatistics().ToString());
    }

    [Fact]
    public async Task A_source_that_fails_ends_its_stream_with_the_reason_and_the_others_finish()
    {
        var pool = new FramePool();
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(new PassThroughStage("decode"))
            .Then(sink)
            .Build();
        StreamContext broken = pipeline.AddStream(Spec("broken", new CountingSource(100) { ThrowAfter = 10 }));
        StreamContext good = pipeline.AddStream(Spec("good", new CountingSource(100)));

        pipeline.Start();
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        Assert.Equal(StreamState.Failed, broken.State);
        Assert.Equal("source: input of broken broke after 10 frames", broken.Reason);
        Assert.Equal(StreamState.Ended, good.State);
        Assert.Equal(100, sink.SequencesOf("good").Count);
        Assert.True(pool.GetStatistics().IsBalanced);
    }

    [Fact]
    public async Task Every_stream_sends_exactly_one_end_marker_after_its_last_frame()
    {
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create().Then(new PassThroughStage("x")).Then(sink).Build();
        pipeline.AddStream(Spec("a", new CountingSource(10)));
        pipeline.AddStream(Spec("b", new CountingSource(0)));

        pipeline.Start();
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        Assert.Equal(1, sink.EndMarkersOf("a"));
        Assert.Equal(1, sink.EndMarkersOf("b"));
        Assert.Equal(1, sink.CompleteCalls);
    }

    [Fact]
    public async Task A_stage_that_fails_as_a_whole_fails_the_pipeline_stops_every_source_and_leaks_nothing()
    {
        var pool = new FramePool();
        var failing = new ModelLossStage();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(failing)
            .Then(new RecordingSink())
            .Build();
        var endless = new CountingSource(null);
        pipeline.AddStream(Spec("endless", endless));
        pipeline.AddStream(Spec("short", new CountingSource(5)));

        pipeline.Start();
        await endless.FirstFrame.WaitAsync(TestTimeouts.Wait);
        failing.Break();

        PipelineFaultException error = await Assert.ThrowsAsync<PipelineFaultException>(
            () => pipeline.Completion.WaitAsync(TestTimeouts.Wait));
        Assert.Equal("the model went away", error.Message);
        Assert.True(endless.Finished.IsCompleted);
        Assert.True(pool.GetStatistics().IsBalanced, pool.GetStatistics().ToString());
    }

    [Fact]
    public async Task Streams_added_while_running_flow_and_a_removed_stream_stops_its_source()
    {
        var pool = new FramePool();
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool, CompleteWhenStreamsEnd = false })
            .Then(sink)
            .Build();
        pipeline.Start();

        var late = new CountingSource(null);
        StreamContext stream = pipeline.AddStream(Spec("late", late));
        await late.FirstFrame.WaitAsync(TestTimeouts.Wait);
        Assert.True(await pipeline.RemoveStreamAsync("late").WaitAsync(TestTimeouts.Wait));

        Assert.True(late.Finished.IsCompleted);
        Assert.Equal(StreamState.Ended, stream.State);
        Assert.Null(pipeline.FindStream("late"));

        // The removal returned once the stream's last frame and its marker had passed the last stage: nothing of it
        // is left to count, so its metric series can go.
        Assert.Equal(1, sink.EndMarkersOf("late"));
        Assert.Equal(stream.FramesProduced, sink.SequencesOf("late").Count);
        Assert.Equal(StopOutcome.Drained, await pipeline.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Wait));
        Assert.True(pool.GetStatistics().IsBalanced);
    }

    [Fact]
    public void Adding_a_stream_twice_is_refused_with_its_id()
    {
        Pipeline pipeline = PipelineBuilder.Create().Then(new RecordingSink()).Build();
        pipeline.AddStream(Spec("cam-1", new CountingSource(1)));
        ArgumentException error = Assert.Throws<ArgumentException>(() => pipeline.AddStream(Spec("cam-1", new CountingSource(1))));
        Assert.Contains("'cam-1'", error.Message, StringComparison.Ordinal);
    }

    private sealed class ModelLossStage() : TransformStage<Frame>("infer")
    {
        private volatile bool _broken;

        public void Break() => _broken = true;

        protected override bool Transform(Frame item) =>
            !_broken ? true : throw new PipelineFaultException("the model went away");
    }
}

using Streams.Runtime;
using Streams.Runtime.Tests.Support;

namespace Streams.Runtime.Tests;

[Trait("Tier", "Unit")]
public sealed class EdgePolicyTests
{
    [Fact]
    public async Task A_slow_consumer_of_a_live_stream_keeps_memory_bounded_and_every_drop_is_counted()
    {
        var pool = new FramePool();
        using var gate = new SemaphoreSlim(0);
        var sink = new RecordingSink { Gate = gate };
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool, QueueCapacity = 4 })
            .Then(new PassThroughStage("preprocess"))
            .Then(sink)
            .Build();
        var source = new CountingSource(2000);
        StreamContext stream = pipeline.AddStream(new StreamSpec("live", "test://live", source,
            new EdgeOptions { Capacity = 4, Policy = EdgePolicy.DropOldest }));

        pipeline.Start();
        await source.Finished.WaitAsync(TestTimeouts.Wait);
        gate.Release(int.MaxValue / 2);
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        FramePoolStatistics stats = pool.GetStatistics();
        // Lane 4 + ingress 4 + preprocess.out 4, one frame in each of pump, preprocess and sink, one being filled.
        Assert.InRange(stats.Buffers.Allocated, 1, 4 + 4 + 4 + 4);
        Assert.Equal(2000, stream.FramesProduced);
        Assert.True(stream.GetDropped(DropReason.QueueFull) > 1000, $"dropped {stream.GetDropped(DropReason.QueueFull)}");
        Assert.Equal(stream.FramesProduced, stream.FramesCompleted + stream.TotalDropped);
        Assert.Equal(stream.FramesCompleted, sink.SequencesOf("live").Count);
        Assert.True(stats.IsBalanced, stats.ToString());
    }

    [Fact]
    public async Task Drop_oldest_keeps_the_newest_frames()
    {
        var pool = new FramePool();
        using var gate = new SemaphoreSlim(0);
        var sink = new RecordingSink { Gate = gate };
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool, QueueCapacity = 2 })
            .Then(sink)
            .Build();
        var source = new CountingSource(500);
        pipeline.AddStream(new StreamSpec("live", "test://live", source, new EdgeOptions { Capacity = 3, Policy = EdgePolicy.DropOldest }));

        pipeline.Start();
        await source.Finished.WaitAsync(TestTimeouts.Wait);
        gate.Release(int.MaxValue / 2);
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        IReadOnlyList<long> seen = sink.SequencesOf("live");
        Assert.Equal(499, seen[^1]);
        Assert.Equal([497, 498, 499], seen.Skip(seen.Count - 3));
        Assert.True(pool.GetStatistics().IsBalanced);
    }

    [Fact]
    public async Task A_waiting_edge_never_drops_and_keeps_order_however_slow_the_consumer()
    {
        var pool = new FramePool();
        using var gate = new SemaphoreSlim(0);
        var sink = new RecordingSink { Gate = gate };
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool, QueueCapacity = 2 })
            .Then(new PassThroughStage("a"))
            .Then(sink)
            .Build();
        var source = new CountingSource(300);
        StreamContext stream = pipeline.AddStream(new StreamSpec("file", "clip.mp4", source, new EdgeOptions { Capacity = 2 }));

        pipeline.Start();
        await source.FirstFrame.WaitAsync(TestTimeouts.Wait);
        Assert.False(source.Finished.IsCompleted, "a waiting edge must hold the source back");
        gate.Release(int.MaxValue / 2);
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        Assert.Equal(0, stream.TotalDropped);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), sink.SequencesOf("file"));
        Assert.Equal(300, stream.FramesCompleted);
        Assert.True(pool.GetStatistics().IsBalanced);
    }
}

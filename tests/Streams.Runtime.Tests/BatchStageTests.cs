using System.Collections.Concurrent;
using Streams.Runtime;
using Streams.Runtime.Tests.Support;

namespace Streams.Runtime.Tests;

[Trait("Tier", "Unit")]
public sealed class BatchStageTests
{
    [Fact]
    public async Task Batches_fill_across_streams_up_to_their_size_and_keep_each_streams_order()
    {
        var pool = new FramePool();
        var batcher = new RecordingBatchStage(maxBatch: 4, maxWait: TimeSpan.FromSeconds(5));
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(batcher).Then(sink).Build();
        for (int i = 0; i < 3; i++)
        {
            pipeline.AddStream(new StreamSpec($"s{i}", "test", new CountingSource(40), new EdgeOptions { Capacity = 8 }));
        }

        pipeline.Start();
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        Assert.All(batcher.Sizes, size => Assert.InRange(size, 1, 4));
        Assert.Contains(4, batcher.Sizes);
        Assert.Equal(120, batcher.Sizes.Sum());
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Enumerable.Range(0, 40).Select(n => (long)n), sink.SequencesOf($"s{i}"));
            Assert.Equal(1, sink.EndMarkersOf($"s{i}"));
        }

        Assert.True(pool.GetStatistics().IsBalanced);
    }

    [Fact]
    public async Task A_partial_batch_leaves_once_its_wait_is_over()
    {
        var pool = new FramePool();
        var batcher = new RecordingBatchStage(maxBatch: 8, maxWait: TimeSpan.FromMilliseconds(20));
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool, CompleteWhenStreamsEnd = false })
            .Then(batcher).Then(sink).Build();
        // The stream stays open: only the deadline can close the batch of three.
        var source = new CountingSource(3) { HoldOpen = true };
        pipeline.AddStream(new StreamSpec("cam", "test", source, new EdgeOptions { Capacity = 8 }));

        pipeline.Start();
        await batcher.FramesSeen(3).WaitAsync(TestTimeouts.Wait);
        await pipeline.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Wait);

        Assert.Equal(3, batcher.Sizes.Sum());
        Assert.Equal([0L, 1, 2], sink.SequencesOf("cam"));
        Assert.True(pool.GetStatistics().IsBalanced);
    }

    [Fact]
    public async Task A_failing_batch_fails_its_streams_counts_its_frames_and_spares_later_batches_of_other_streams()
    {
        var pool = new FramePool();
        var batcher = new RecordingBatchStage(maxBatch: 1, maxWait: TimeSpan.Zero) { FailOn = f => f.Stream.Id == "bad" && f.Sequence == 5 };
        var sink = new RecordingSink();
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool })
            .Then(batcher).Then(sink).Build();
        StreamContext bad = pipeline.AddStream(new StreamSpec("bad", "test", new CountingSource(null), EdgeOptions.Default));
        StreamContext good = pipeline.AddStream(new StreamSpec("good", "test", new CountingSource(50), EdgeOptions.Default));

        pipeline.Start();
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        Assert.Equal(StreamState.Failed, bad.State);
        Assert.Equal(50, sink.SequencesOf("good").Count);
        Assert.Equal(bad.FramesProduced, bad.FramesCompleted + bad.TotalDropped);
        Assert.True(bad.GetDropped(DropReason.StreamFailed) >= 1);
        Assert.True(pool.GetStatistics().IsBalanced, pool.GetStatistics().ToString());
    }

    private sealed class RecordingBatchStage(int maxBatch, TimeSpan maxWait) : BatchStage<Frame>("batch", maxBatch, maxWait)
    {
        private readonly ConcurrentQueue<int> _sizes = new();
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
        private int _frames;

        public Func<Frame, bool>? FailOn { get; init; }

        public IReadOnlyCollection<int> Sizes => _sizes;

        public Task FramesSeen(int count)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiters)
            {
                if (_frames >= count)
                {
                    done.SetResult();
                }
                else
                {
                    _waiters.Add((count, done));
                }
            }

            return done.Task;
        }

        public override async ValueTask ProcessBatchAsync(IReadOnlyList<Frame> batch, StageOutput<Frame> output, CancellationToken cancellationToken)
        {
            _sizes.Enqueue(batch.Count);
            foreach (Frame frame in batch)
            {
                if (FailOn?.Invoke(frame) == true)
                {
                    foreach (Frame f in batch)
                    {
                        f.Release();
                    }

                    throw new InvalidDataException("model rejected the batch");
                }
            }

            foreach (Frame frame in batch)
            {
                await output.WriteAsync(frame);
            }

            lock (_waiters)
            {
                _frames += batch.Count;
                foreach ((int count, TaskCompletionSource done) in _waiters)
                {
                    if (_frames >= count)
                    {
                        done.TrySetResult();
                    }
                }
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streams.Runtime;
using Streams.Runtime.Tests.Support;

namespace Streams.Runtime.Tests;

[Trait("Tier", "Unit")]
public sealed class MetricsTests
{
    [Fact]
    public async Task Instruments_report_frames_per_stage_and_stream_drops_by_reason_and_queue_depths()
    {
        using var gate = new SemaphoreSlim(0);
        var sink = new RecordingSink { Gate = gate };
        await using Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { InstanceId = "metrics-test", QueueCapacity = 2 })
            .Then(new PassThroughStage("pre"))
            .Then(sink)
            .Build();
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, pipeline.Metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            counts.AddOrUpdate(Key(instrument.Name, tags), value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            counts.AddOrUpdate(Key(instrument.Name, tags), value, (_, v) => Math.Max(v, value)));
        listener.Start();
        var live = new CountingSource(200);
        StreamContext stream = pipeline.AddStream(new StreamSpec("cam", "test", live, new EdgeOptions { Capacity = 2, Policy = EdgePolicy.DropOldest }));

        pipeline.Start();
        await live.Finished.WaitAsync(TestTimeouts.Wait);
        listener.RecordObservableInstruments();
        gate.Release(int.MaxValue / 2);
        await pipeline.Completion.WaitAsync(TestTimeouts.Wait);

        Assert.Equal(200, counts["streams.source.frames|stream=cam"]);
        Assert.Equal(stream.FramesCompleted, counts["streams.stage.frames_out|stage=sink,stream=cam"]);
        Assert.Equal(counts["streams.stage.frames_in|stage=pre,stream=cam"], counts["streams.stage.frames_out|stage=pre,stream=cam"]);
        Assert.Equal(stream.GetDropped(DropReason.QueueFull), counts["streams.frames.dropped|reason=queue_full,stream=cam,where=source.cam"]);
        Assert.True(counts["streams.queue.depth|edge=ingress"] > 0);
        Assert.Equal(200, stream.FramesCompleted + stream.TotalDropped);
    }

    private static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        parts.Sort(StringComparer.Ordinal);
        return name + "|" + string.Join(",", parts);
    }
}

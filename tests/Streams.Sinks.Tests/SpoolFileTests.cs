using Microsoft.Extensions.Logging.Abstractions;
using Streams.Sinks.Internal;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

/// <summary>The spool's own file: records, checksums and the directory lock, with no sink or broker (those are in <see cref="SpoolTests"/>).</summary>
[Trait("Tier", "Unit")]
public sealed class SpoolFileTests
{
    [Fact]
    public void Crc32C_gives_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Records_read_back_exactly_as_written_after_a_reopen()
    {
        using var dir = new TempDirectory();
        var original = new OutgoingEvent("id-ü", "zone.enter", "cam 7", "{\"a\":\"é\"}"u8.ToArray(), "2.1",
            new DateTimeOffset(2025, 6, 1, 12, 0, 0, 123, TimeSpan.FromHours(2)));
        using (Spool spool = Spool.Open(new KafkaSinkOptions { Spool = dir.Path }, NullLogger.Instance, new SinkCounters("test")))
        {
            Assert.True(spool.TryAppend(original, inFlight: false, out _, out _));
            Assert.True(spool.TryAppend(TestEvents.Make("cam", 1), inFlight: false, out _, out _));
        }

        using Spool reopened = Spool.Open(new KafkaSinkOptions { Spool = dir.Path }, NullLogger.Instance, new SinkCounters("test"));
        Assert.Equal(2, reopened.PendingCount);
        Assert.True(reopened.TryReadNext(out _, out OutgoingEvent? back));
        Assert.Equal(original.EventId, back!.EventId);
        Assert.Equal(original.EventType, back.EventType);
        Assert.Equal(original.StreamId, back.StreamId);
        Assert.Equal(original.SchemaVersion, back.SchemaVersion);
        Assert.Equal(original.Timestamp, back.Timestamp);
        Assert.Equal(original.Timestamp.Offset, back.Timestamp.Offset);
        Assert.Equal(original.Payload.ToArray(), back.Payload.ToArray());
        Assert.True(reopened.TryReadNext(out _, out OutgoingEvent? second));
        Assert.Equal(TestEvents.Id("cam", 1), second!.EventId);
        Assert.False(reopened.TryReadNext(out _, out _));
    }

    [Fact]
    public void A_second_process_cannot_open_a_spool_directory_in_use()
    {
        using var dir = new TempDirectory();
        using Spool first = Spool.Open(new KafkaSinkOptions { Spool = dir.Path }, NullLogger.Instance, new SinkCounters("test"));
        Assert.Throws<IOException>(() => Spool.Open(new KafkaSinkOptions { Spool = dir.Path }, NullLogger.Instance, new SinkCounters("test")));
    }
}

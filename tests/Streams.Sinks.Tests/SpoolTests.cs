using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Sinks.Internal;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Integration")]
public sealed class SpoolTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(FsyncPolicy.Always)]
    [InlineData(FsyncPolicy.Interval)]
    [InlineData(FsyncPolicy.Never)]
    public async Task In_write_ahead_mode_every_event_is_in_the_spool_when_WriteAsync_returns(FsyncPolicy fsync)
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        using var dir = new TempDirectory();
        cluster.SetBrokerDown();
        await using var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Spool = dir.Path,
            SpoolMode = SpoolMode.Always,
            SpoolFsync = fsync,
        }, new LogCapture<KafkaEventSink>(output));
        for (int i = 0; i < 20; i++)
        {
            await sink.WriteAsync(TestEvents.Make("cam", i));
            Assert.Equal(i + 1, sink.GetStatistics().Spooled); // no wait: the write returned only once it was spooled
        }

        Assert.True(dir.Segments().Sum(s => new FileInfo(s).Length) > 20 * 60, "the records are in the segment file");
    }

    [Fact]
    public async Task Reaching_the_spool_bound_drops_with_a_counted_reason_and_one_loud_log_line_and_no_crash()
    {
        const int Count = 300;
        using var cluster = EmbeddedKafkaBroker.Start();
        using var dir = new TempDirectory();
        var log = new LogCapture<KafkaEventSink>(output);
        await using var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            MaxInFlightEvents = 10,
            // The smallest bound a sink takes, 1 MiB, holds about 60 of these 16 KiB events.
            Spool = dir.Path,
            SpoolMaxBytes = 1 << 20,
            SpoolSegmentBytes = 256 * 1024,
        }, log);
        await sink.WriteAsync(TestEvents.Make("cam", 0, padTo: 16 * 1024));
        await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        cluster.SetBrokerDown();
        for (int i = 1; i <= Count; i++)
        {
            await sink.WriteAsync(TestEvents.Make("cam", i, padTo: 16 * 1024));
        }

        // Every event is either in the spool (spilled or appended) or dropped because the spool was full.
        await TestTimeouts.UntilAsync(() =>
        {
            EventSinkStatistics s = sink.GetStatistics();
            return s.Spooled + s.Dropped.GetValueOrDefault(EventDropReason.SpoolFull) == Count;
        }, "every event is spooled or dropped");
        EventSinkStatistics full = sink.GetStatistics();
        output.WriteLine(full.ToString());
        Assert.InRange(full.Dropped[EventDropReason.SpoolFull], 200, Count - 40);
        Assert.True(full.SpoolBytes <= 1 << 20);
        Assert.Equal(1, log.Count(SinkLogEvents.SpoolFull, Microsoft.Extensions.Logging.LogLevel.Error));
        Assert.False(sink.Completion.IsCompleted);

        cluster.SetBrokerUp();
        await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        Assert.Equal(1 + full.Spooled, sink.GetStatistics().Acknowledged);
        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        Assert.Equal(1 + full.Spooled, all.Count);
        Assert.Equal(all.Count, all.Select(e => e.EventId).Distinct().Count());
        TestEvents.AssertPerStreamOrder(all);
    }

    [Fact]
    public async Task A_corrupt_spool_is_reported_with_file_and_offset_and_the_good_records_are_still_sent()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        using var dir = new TempDirectory();
        OutgoingEvent[] events = Enumerable.Range(0, 10).Select(i => TestEvents.Make("cam", i)).ToArray();
        using (Spool spool = Spool.Open(new KafkaSinkOptions { Spool = dir.Path }, NullLogger.Instance, new SinkCounters("test")))
        {
            foreach (OutgoingEvent e in events)
            {
                Assert.True(spool.TryAppend(e, inFlight: false, out _, out _));
            }
        }

        // Flip a payload byte of record 4; cut a copy of record 0 short at the end (a write interrupted by a crash);
        // and leave a second segment whose header is garbage.
        string segment = dir.Segments().Single();
        byte[] bytes = File.ReadAllBytes(segment);
        long offset4 = SpoolFormat.SegmentHeaderSize + events.Take(4).Sum(SpoolFormat.RecordSize);
        bytes[offset4 + SpoolFormat.FrameSize + 30] ^= 0x5A;
        long tailOffset = bytes.Length;
        byte[] partial = bytes.AsSpan(SpoolFormat.SegmentHeaderSize, 40).ToArray();
        File.WriteAllBytes(segment, [.. bytes, .. partial]);
        string garbage = Path.Combine(dir.Path, "00000000000000000099.seg");
        File.WriteAllBytes(garbage, Encoding.ASCII.GetBytes("this is not a spool segment at all"));

        var log = new LogCapture<KafkaEventSink>(output);
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Spool = dir.Path,
        }, log))
        {
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            EventSinkStatistics stats = sink.GetStatistics();
            Assert.Equal(9, stats.Acknowledged);
            Assert.Equal(3, stats.Dropped[EventDropReason.SpoolCorrupt]);
        }

        string[] reports = log.Entries.Where(e => e.Id.Id == SinkLogEvents.SpoolCorrupt.Id).Select(e => e.Message).ToArray();
        Assert.Equal(3, reports.Length);
        Assert.Contains(reports, r => r.Contains(segment, StringComparison.Ordinal) && r.Contains($"offset {offset4.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal) && r.Contains("CRC", StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Contains(segment, StringComparison.Ordinal) && r.Contains($"offset {tailOffset.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal) && r.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Contains(garbage, StringComparison.Ordinal) && r.Contains("header", StringComparison.Ordinal));

        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        TestEvents.AssertExactlyOnce(events.Where((_, i) => i != 4).Select(e => e.EventId).ToList(), all);
        TestEvents.AssertPerStreamOrder(all);
        Assert.Empty(dir.Segments());
    }
}

using System.Globalization;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Integration")]
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    /// <summary>Outage length; STREAMS_KAFKA_OUTAGE_SECONDS raises it (e.g. 30) for a longer soak.</summary>
    private static readonly TimeSpan s_outage = TimeSpan.FromSeconds(double.Parse(
        Environment.GetEnvironmentVariable("STREAMS_KAFKA_OUTAGE_SECONDS") ?? "5", CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_broker_outage_under_a_steady_rate_loses_nothing_duplicates_nothing_and_keeps_stream_order()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        using var spool = new TempDirectory();
        var log = new LogCapture<KafkaEventSink>(output);
        var written = new List<string>();
        EventSinkStatistics stats;
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            MaxInFlightEvents = 100,
            SpillAfter = TimeSpan.FromSeconds(1),
            Spool = spool.Path,
        }, log))
        {
            // Connected, with its producer id, before the clock starts: start-up is not what this test is about.
            OutgoingEvent warmUp = TestEvents.Make("warm", 0);
            await sink.WriteAsync(warmUp);
            written.Add(warmUp.EventId);
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            int spillsBefore = log.Count(SinkLogEvents.SpoolingStarted); // a slow first acknowledgement may spill once

            // 200 events/s over four streams, for the whole scenario.
            using var stopWriting = new CancellationTokenSource();
            Task writer = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
                int seq = 0;
                while (await timer.WaitForNextTickAsync(stopWriting.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result))
                {
                    for (int k = 0; k < 2; k++, seq++)
                    {
                        OutgoingEvent e = TestEvents.Make($"cam{seq % 4}", seq);
                        await sink.WriteAsync(e);
                        written.Add(e.EventId);
                    }
                }
            });

            // The scenario's timeline: healthy, broker away, back, healthy.
            await Task.Delay(TimeSpan.FromSeconds(1));
            cluster.SetBrokerDown();
            output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} broker down for {s_outage.TotalSeconds} s");
            await Task.Delay(s_outage);
            EventSinkStatistics during = sink.GetStatistics();
            cluster.SetBrokerUp();
            output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} broker up; during the outage: {during}");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await stopWriting.CancelAsync();
            await writer.WaitAsync(TestTimeouts.Wait);

            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            stats = sink.GetStatistics();
            output.WriteLine($"after the flush: {stats}");
            Assert.True(during.Spooled > 0, "the outage outlasted the in-memory bound, so events must have gone to the spool");
            Assert.Equal(spillsBefore + 1, log.Count(SinkLogEvents.SpoolingStarted)); // one spool episode for one outage
        }

        Assert.Equal(0, stats.TotalDropped);
        Assert.Equal(written.Count, stats.Acknowledged);
        Assert.Empty(spool.Segments()); // every segment was acknowledged and deleted
        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        TestEvents.AssertExactlyOnce(written, all);
        TestEvents.AssertPerStreamOrder(all);
    }

    [Fact]
    public async Task A_spill_for_a_late_acknowledgement_lasts_until_acknowledgements_come_back()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        using var spool = new TempDirectory();
        var log = new LogCapture<KafkaEventSink>(output);
        var written = new List<string>();
        await using (var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            MaxInFlightEvents = 100,
            SpillAfter = TimeSpan.FromMilliseconds(300),
            Spool = spool.Path,
        }, log))
        {
            await WriteAsync(sink, written, 0, 1);
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait); // connected and acknowledged

            await EndAnyEpisodeAsync(sink, log, () => WriteAsync(sink, written, written.Count, 1));
            int started = log.Count(SinkLogEvents.SpoolingStarted), stopped = log.Count(SinkLogEvents.SpoolingStopped);

            // A trickle while the broker is away: the oldest event waits too long with far fewer than half the
            // in-memory bound in flight.
            cluster.SetBrokerDown();
            await WriteAsync(sink, written, written.Count, 10);
            await TestTimeouts.UntilAsync(() => log.Count(SinkLogEvents.SpoolingStarted) == started + 1, "the late acknowledgement spills");

            // Twice the in-memory bound more, still with no broker: all of it queues behind the spill.
            await WriteAsync(sink, written, written.Count, 200);
            await TestTimeouts.UntilAsync(() => sink.GetStatistics() is { } s && s.InFlight + s.SpoolPending == 210,
                "every event is in flight or waits in the spool");
            Assert.Equal(stopped, log.Count(SinkLogEvents.SpoolingStopped));
            Assert.Equal(started + 1, log.Count(SinkLogEvents.SpoolingStarted));

            cluster.SetBrokerUp();
            await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            Assert.Equal(written.Count, sink.GetStatistics().Acknowledged);
        }

        Assert.Empty(spool.Segments());
        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        TestEvents.AssertExactlyOnce(written, all);
        TestEvents.AssertPerStreamOrder(all);
    }

    [Fact]
    public async Task A_late_acknowledgement_of_an_event_sent_before_the_spill_does_not_end_the_spool_episode()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        using var spool = new TempDirectory();
        var log = new LogCapture<KafkaEventSink>(output);
        await using var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            SpillAfter = TimeSpan.FromMilliseconds(300),
            Spool = spool.Path,
        }, log);
        await sink.WriteAsync(TestEvents.Make("cam", 0));
        await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait); // connected and acknowledged
        int started = log.Count(SinkLogEvents.SpoolingStarted), stopped = log.Count(SinkLogEvents.SpoolingStopped);

        // A broker slower than SpillAfter: the event spills, then its acknowledgement arrives late.
        cluster.SetRoundTripTime(TimeSpan.FromSeconds(1));
        await sink.WriteAsync(TestEvents.Make("cam", 1));
        await TestTimeouts.UntilAsync(() => sink.GetStatistics().Acknowledged == 2, "the late acknowledgement arrives");
        Assert.Equal(started + 1, log.Count(SinkLogEvents.SpoolingStarted));
        Assert.Equal(stopped, log.Count(SinkLogEvents.SpoolingStopped)); // nothing sent from the spool was acknowledged

        // An event queued behind the spill and acknowledged: now the spool is really sent, and it is said once.
        cluster.SetRoundTripTime(TimeSpan.Zero);
        await sink.WriteAsync(TestEvents.Make("cam", 2));
        await TestTimeouts.UntilAsync(() => log.Count(SinkLogEvents.SpoolingStopped) == stopped + 1, "the episode ends");
        Assert.Contains(log.Entries, e => e.Id.Id == SinkLogEvents.SpoolingStopped.Id && e.Message.Contains("2 spooled events acknowledged", StringComparison.Ordinal));
        await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        Assert.Equal(stopped + 1, log.Count(SinkLogEvents.SpoolingStopped));
    }

    [Fact]
    public async Task A_stop_ends_at_its_deadline_and_reports_the_events_it_dropped_without_a_spool()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        var sink = new KafkaEventSink(new KafkaSinkOptions { BootstrapServers = cluster.BootstrapServers }, new LogCapture<KafkaEventSink>(output));
        cluster.SetBrokerDown();
        for (int i = 0; i < 5; i++)
        {
            await sink.WriteAsync(TestEvents.Make("cam", i));
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SinkStopReport report = await sink.StopAsync(deadline.Token).AsTask().WaitAsync(TestTimeouts.Wait);

        Assert.Equal(new SinkStopReport("kafka", 0, 5), report);
        Assert.Equal(5, sink.GetStatistics().Dropped[EventDropReason.Stopped]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the stop took {clock.Elapsed}, past its 300 ms deadline (the sink's own bound is 10 s)");
        Assert.Equal(report, await sink.StopAsync().AsTask().WaitAsync(TestTimeouts.Wait)); // idempotent
        await sink.DisposeAsync();
    }

    [Fact]
    public async Task A_graceful_stop_with_the_broker_away_spools_what_is_unacknowledged_for_the_next_start()
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        using var spool = new TempDirectory();
        var options = new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            StopTimeout = TimeSpan.FromMilliseconds(500),
            Spool = spool.Path,
        };
        await using (var first = new KafkaEventSink(options, new LogCapture<KafkaEventSink>(output)))
        {
            await first.WriteAsync(TestEvents.Make("cam", 0));
            await first.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait); // connected and acknowledged
            cluster.SetBrokerDown();
            for (int i = 1; i <= 50; i++)
            {
                await first.WriteAsync(TestEvents.Make("cam", i));
            }
        }

        Assert.NotEmpty(spool.Segments());
        cluster.SetBrokerUp();
        await using (var second = new KafkaEventSink(options, new LogCapture<KafkaEventSink>(output)))
        {
            Assert.Equal(50, second.GetStatistics().SpoolPending + second.GetStatistics().InFlight + second.GetStatistics().Acknowledged);
            await second.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            Assert.Equal(50, second.GetStatistics().Acknowledged);
        }

        Assert.Empty(spool.Segments());
        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        TestEvents.AssertExactlyOnce(Enumerable.Range(0, 51).Select(i => TestEvents.Id("cam", i)).ToList(), all);
        TestEvents.AssertPerStreamOrder(all);
    }

    /// <summary>
    /// A slow first acknowledgement (connecting, on a loaded machine) may have spilled an episode already, and an episode
    /// ends only when an event sent after the spill is acknowledged: then <paramref name="writeOne"/> sends one, and this
    /// waits until the episode ends, so that what a test does next starts outside any episode.
    /// </summary>
    private static async Task EndAnyEpisodeAsync(KafkaEventSink sink, LogCapture<KafkaEventSink> log, Func<Task> writeOne)
    {
        if (log.Count(SinkLogEvents.SpoolingStarted) == log.Count(SinkLogEvents.SpoolingStopped))
        {
            return;
        }

        await writeOne();
        await sink.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        await TestTimeouts.UntilAsync(() => log.Count(SinkLogEvents.SpoolingStarted) == log.Count(SinkLogEvents.SpoolingStopped),
            "the episode of the slow first acknowledgement ends");
    }

    private static async Task WriteAsync(KafkaEventSink sink, List<string> written, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            OutgoingEvent e = TestEvents.Make($"cam{i % 4}", i);
            written.Add(e.EventId);
            await sink.WriteAsync(e);
        }
    }
}

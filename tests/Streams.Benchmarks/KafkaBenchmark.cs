using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Streams.Sinks;

namespace Streams.Benchmarks;

/// <summary>
/// Events per second sustained through the Kafka sink to the embedded broker, and produce-to-ack latency (p50/p99),
/// with 1 KB JSON events over eight streams: flat out, flat out with the spool on failure and write-ahead (each fsync
/// policy), and paced at a moderate rate.
/// </summary>
internal sealed class KafkaBenchmark : IBenchmark
{
    private const int Streams = 8;
    private const int PayloadBytes = 1024;

    public string Name => "kafka";

    public string Description => "events/s and p50/p99 produce-to-ack latency: 1 KB JSON events to the embedded broker";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        string version = KafkaLibrary.EnsureLoaded();
        Console.WriteLine($"kafka benchmark: embedded broker (librdkafka {version} mock cluster, 1 broker, 4 partitions), {PayloadBytes} B JSON events over {Streams} streams,");
        Console.WriteLine($"acks=all, idempotence on, linger 5 ms; 2 s warm-up then {seconds:F0} s measured per row; latency = produce call to delivery report");
        Console.WriteLine($"{"row",-34} {"events/s",10} {"MB/s",7} {"p50 ms",8} {"p99 ms",8} {"spooled",9} {"dropped",8}");
        using var latencies = new LatencyRecorder();
        await RunRowAsync("max rate, lz4", "lz4", spool: null, rate: 0, seconds, latencies, cancellationToken);
        await RunRowAsync("max rate, no compression", "none", spool: null, rate: 0, seconds, latencies, cancellationToken);
        await RunRowAsync("max rate, lz4, spool on_failure", "lz4", (SpoolMode.OnFailure, FsyncPolicy.Interval), rate: 0, seconds, latencies, cancellationToken);
        foreach (FsyncPolicy fsync in Enum.GetValues<FsyncPolicy>())
        {
            await RunRowAsync($"max rate, lz4, always/{fsync.ToString().ToLowerInvariant()}", "lz4", (SpoolMode.Always, fsync), rate: 0, seconds, latencies,
                cancellationToken);
        }

        await RunRowAsync("1000 events/s, lz4", "lz4", spool: null, rate: 1000, seconds, latencies, cancellationToken);
        return 0;
    }

    private static async Task RunRowAsync(string row, string compression, (SpoolMode Mode, FsyncPolicy Fsync)? spool, int rate, double seconds,
        LatencyRecorder latencies, CancellationToken cancellationToken)
    {
        using var cluster = EmbeddedKafkaBroker.Start();
        string spoolDirectory = Path.Combine(Path.GetTempPath(), "streams-kafka-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Topic = "bench.events",
            Compression = compression,
            Spool = spool is null ? null : spoolDirectory,
            SpoolMode = spool?.Mode ?? SpoolMode.OnFailure,
            SpoolFsync = spool?.Fsync ?? FsyncPolicy.Interval,
        };
        byte[][] payloads = new byte[Streams][];
        for (int s = 0; s < Streams; s++)
        {
            payloads[s] = Payload(s);
        }

        try
        {
            EventSinkStatistics before, after;
            double elapsed;
            await using (var sink = new KafkaEventSink(options))
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task writer = WriteAsync(sink, payloads, rate, stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                latencies.Start();
                before = sink.GetStatistics();
                var clock = Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
                after = sink.GetStatistics();
                elapsed = clock.Elapsed.TotalSeconds;
                latencies.Stop();
                await stop.CancelAsync();
                await writer;
            }

            double perSecond = (after.Acknowledged - before.Acknowledged) / elapsed;
            (double p50, double p99) = latencies.Percentiles();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row,-34} {perSecond,10:N0} {perSecond * PayloadBytes / 1e6,7:F1} {p50,8:F1} {p99,8:F1} {after.Spooled - before.Spooled,9:N0} {after.TotalDropped,8:N0}"));
        }
        finally
        {
            if (Directory.Exists(spoolDirectory))
            {
                Directory.Delete(spoolDirectory, recursive: true);
            }
        }
    }

    private static async Task WriteAsync(KafkaEventSink sink, byte[][] payloads, int rate, CancellationToken cancellationToken)
    {
        long seq = 0;
        var started = Stopwatch.StartNew();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (rate > 0)
                {
                    // Paced: catch up to where the schedule says we should be, then wait a millisecond.
                    long due = (long)(started.Elapsed.TotalSeconds * rate);
                    if (seq >= due)
                    {
                        await Task.Delay(1, cancellationToken);
                        continue;
                    }
                }

                int stream = (int)(seq % Streams);
                await sink.WriteAsync(new OutgoingEvent(
                    string.Create(CultureInfo.InvariantCulture, $"e{seq}"), "bench.event", $"cam{stream}", payloads[stream], "1", DateTimeOffset.UtcNow), cancellationToken);
                seq++;
            }
        }
        catch (OperationCanceledException)
        {
            // the row is over
        }
    }

    private static byte[] Payload(int stream)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"bench.event\",\"stream\":\"cam{stream}\",\"objects\":[");
        for (int i = 0; json.Length < PayloadBytes - 40; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"class\":\"person\",\"score\":0.{i + 50},\"box\":[{i * 7},{i * 3},{i * 7 + 40},{i * 3 + 90}]}},");
        }

        json.Length--;
        json.Append("]}");
        while (json.Length < PayloadBytes)
        {
            json.Insert(json.Length - 1, ' ');
        }

        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>Collects the sink's ack-latency histogram measurements while started.</summary>
    private sealed class LatencyRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _values = new(1 << 20);
        private volatile bool _recording;

        public LatencyRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SinkMetrics.MeterName && instrument.Name == SinkMetrics.AckLatency)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                if (_recording)
                {
                    lock (_values)
                    {
                        _values.Add(value);
                    }
                }
            });
            _listener.Start();
        }

        public void Start()
        {
            lock (_values)
            {
                _values.Clear();
            }

            _recording = true;
        }

        public void Stop() => _recording = false;

        public (double P50, double P99) Percentiles()
        {
            lock (_values)
            {
                if (_values.Count == 0)
                {
                    return (double.NaN, double.NaN);
                }

                _values.Sort();
                return (_values[(int)(_values.Count * 0.50)], _values[Math.Min(_values.Count - 1, (int)(_values.Count * 0.99))]);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}

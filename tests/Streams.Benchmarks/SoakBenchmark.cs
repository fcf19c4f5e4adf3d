using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Configuration;
using Streams.Hosting;
using Streams.Runtime;
using Streams.Sinks;

namespace Streams.Benchmarks;

/// <summary>
/// The soak: 8 looping streams (4 from a real RTSP server, 4 replayed files) through the demo models, tracker and
/// analytics into the embedded broker with a spool, for N minutes, with the RTSP server killed and restarted and the
/// broker taken down for 30 s. Reports RSS growth after warm-up, leaked frame buffers and ffmpeg processes, and
/// events lost (raised by analytics but never read back from the broker).
/// </summary>
internal sealed class SoakBenchmark : IBenchmark
{
    public string Name => "soak";

    public string Description => "N minutes of 8 looping streams with an RTSP restart and a broker outage: RSS growth, leaks, lost events [--minutes 10]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        double minutes = 10;
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--minutes")
            {
                minutes = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        TimeSpan total = TimeSpan.FromMinutes(minutes);
        TimeSpan warmUp = total * 0.2;
        string root = RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("streams-soak-").FullName;
        Console.WriteLine($"soak: {total.TotalMinutes:F1} min, warm-up {warmUp.TotalSeconds:F0} s, {Environment.ProcessorCount} cores, work dir {work}");

        // The clips are copied into the work folder: this run's ffmpeg processes are then the ones naming it.
        string clips = Directory.CreateDirectory(Path.Combine(work, "clips")).FullName;
        foreach (string name in new[] { "quiet-street", "busy-crossing", "yard" })
        {
            File.Copy(Path.Combine(root, "sample-streams", name + ".mp4"), Path.Combine(clips, name + ".mp4"));
        }

        RtspServer camera = await RtspServer.StartAsync(root, Path.Combine(clips, "yard.mp4"), 0, cancellationToken);
        int port = camera.Port;
        PipelineOptions options = PipelineConfigLoader.LoadFromString(Config(root, clips, port, work), "soak.yaml", work, static _ => null);
        var pool = new FramePool();
        var raised = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var composer = new PipelineComposer(StreamsHost.DefaultSources(NullLoggerFactory.Instance), NullLoggerFactory.Instance);
        ComposedPipeline composed = composer.Build(options, pool, new CompositionHooks { EventObserver = e => raised.TryAdd(e.Id, 0) }, cancellationToken);
        var kafka = (KafkaEventSink)composed.Sinks[0];
        EmbeddedKafkaBroker broker = kafka.EmbeddedBroker!;
        foreach (SourceOptions source in options.Sources)
        {
            composed.AddStream(composer.CreateStream(source, options.Runtime));
        }

        var clock = Stopwatch.StartNew();
        composed.Start();
        var rss = new List<(double Seconds, long Bytes)>();
        bool restarted = false, outage = false, recovered = false;
        int gc0 = GC.CollectionCount(0), gc2 = GC.CollectionCount(2);
        while (clock.Elapsed < total)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken); // the sampling period, not a synchronisation
            rss.Add((clock.Elapsed.TotalSeconds, ResidentBytes()));
            double share = clock.Elapsed / total;
            if (!restarted && share >= 0.35)
            {
                await camera.DisposeAsync();
                Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  RTSP server killed");
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                camera = await RtspServer.StartAsync(root, Path.Combine(clips, "yard.mp4"), port, cancellationToken);
                Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  RTSP server back");
                restarted = true;
            }
            else if (!outage && share >= 0.6)
            {
                broker.SetBrokerDown();
                Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  broker down");
                outage = true;
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                broker.SetBrokerUp();
                Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  broker up; spooled so far {kafka.GetStatistics().Spooled}");
                recovered = true;
            }
        }

        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await composed.StopAsync(deadline.Token);
        }

        await kafka.FlushAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        EventSinkStatistics stats = kafka.GetStatistics();
        (HashSet<string> received, long records) = await ReadBackAsync(broker.BootstrapServers, raised.Keys, cancellationToken);
        await composed.DisposeAsync();
        await camera.DisposeAsync();
        int ffmpegLeft = CountPipelineFfmpeg(clips, port);

        long warm = rss.Find(s => s.Seconds >= warmUp.TotalSeconds).Bytes;
        long end = rss[^1].Bytes;
        long lost = 0;
        foreach (string id in raised.Keys)
        {
            lost += received.Contains(id) ? 0 : 1;
        }

        Console.WriteLine();
        Console.WriteLine("| figure | value | target |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| RSS after warm-up / at end | {warm / 1048576.0:F0} MiB / {end / 1048576.0:F0} MiB | |");
        Console.WriteLine($"| RSS growth after warm-up | {(end - warm) * 100.0 / warm:F1} % | < 10 % |");
        Console.WriteLine($"| frame buffers outstanding after stop | {pool.GetStatistics().Buffers.Outstanding} (balanced: {pool.GetStatistics().IsBalanced}) | 0 |");
        Console.WriteLine($"| pipeline ffmpeg processes left | {ffmpegLeft} | 0 |");
        Console.WriteLine($"| events raised / acknowledged / read back (distinct) | {raised.Count} / {stats.Acknowledged} / {records} ({received.Count}) | |");
        Console.WriteLine($"| duplicates read back (resent around the outage; consumers drop them by event id) | {records - received.Count} | |");
        Console.WriteLine($"| events lost | {lost} (dropped by the sink: {stats.TotalDropped}) | 0 |");
        Console.WriteLine($"| RTSP restart / broker outage done | {restarted} / {outage && recovered} | |");
        Console.WriteLine($"| GCs gen0 / gen2 | {GC.CollectionCount(0) - gc0} / {GC.CollectionCount(2) - gc2} | |");
        foreach (StreamContext stream in composed.Pipeline.GetStreams())
        {
            Console.WriteLine($"| {stream.Id} | {stream.FramesCompleted} frames, {stream.TotalDropped} dropped, {stream.State} | |");
        }

        Directory.Delete(work, recursive: true);
        bool ok = lost == 0 && ffmpegLeft == 0 && pool.GetStatistics().IsBalanced && (end - warm) * 10 < warm;
        return ok ? 0 : 1;
    }

    private static string Config(string root, string clips, int port, string work) => $$"""
        pipeline: { name: soak, instance_id: soak-1 }
        runtime: { metrics_interval: 0 }
        sources:
          - { id: rtsp-1, uri: "rtsp://127.0.0.1:{{port}}/loop", detect_fps: 5, backoff_initial: 500ms, backoff_max: 2s, watchdog_timeout: 3s }
          - { id: rtsp-2, uri: "rtsp://127.0.0.1:{{port}}/loop", detect_fps: 5, backoff_initial: 500ms, backoff_max: 2s, watchdog_timeout: 3s }
          - { id: rtsp-3, uri: "rtsp://127.0.0.1:{{port}}/loop", detect_fps: 5, backoff_initial: 500ms, backoff_max: 2s, watchdog_timeout: 3s }
          - { id: rtsp-4, uri: "rtsp://127.0.0.1:{{port}}/loop", detect_fps: 5, backoff_initial: 500ms, backoff_max: 2s, watchdog_timeout: 3s }
          - { id: file-1, uri: {{clips}}/quiet-street.mp4, loop: true, detect_fps: 5 }
          - { id: file-2, uri: {{clips}}/busy-crossing.mp4, loop: true, detect_fps: 5 }
          - { id: file-3, uri: {{clips}}/yard.mp4, loop: true, detect_fps: 5 }
          - { id: file-4, uri: {{clips}}/quiet-street.mp4, loop: true, detect_fps: 5 }
        models:
          - { id: demo-detector, path: {{root}}/models/demo-detector.onnx, max_batch: 8, max_wait: 20ms, intra_op_threads: 1 }
        analytics:
          lines:
            - { id: street, points: [[1000, 470], [1000, 250]] }
          zones:
            - { id: bay, polygon: [[290, 110], [1010, 110], [1010, 290], [290, 290]] }
        sinks:
          - { type: kafka, bootstrap: embedded, topic: soak.events, spool: {{work}}/spool }
        """;

    /// <summary>Reads the topic until every raised event has been seen (or a deadline); returns the distinct ids and the records read.</summary>
    private static async Task<(HashSet<string> Ids, long Records)> ReadBackAsync(string bootstrap, ICollection<string> raised, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long records = 0;
        long missing = raised.Count;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await foreach (TailedEvent e in EventTail.ReadAsync(new EventTailOptions { BootstrapServers = bootstrap, Topics = ["soak.events"] }, cancellationToken: deadline.Token))
            {
                records++;
                if (ids.Add(e.EventId!) && raised.Contains(e.EventId!) && --missing == 0)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever did not arrive within the deadline counts as lost.
        }

        return (ids, records);
    }

    private static long ResidentBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>
    /// ffmpeg processes of this run's sources: they run showinfo (the RTSP server's feeders do not) and name this run's
    /// clips or RTSP port.
    /// </summary>
    private static int CountPipelineFfmpeg(string clips, int port)
    {
        int n = 0;
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                string[] argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                string rtsp = $"127.0.0.1:{port}/";
                if (argv[0].EndsWith("ffmpeg", StringComparison.Ordinal) && Array.Exists(argv, a => a.Contains("showinfo", StringComparison.Ordinal))
                    && Array.Exists(argv, a => a.Contains(clips, StringComparison.Ordinal) || a.Contains(rtsp, StringComparison.Ordinal)))
                {
                    n++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return n;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streams.sln not found");
    }

    /// <summary>scripts/rtsp-test-server.py looping a clip at /loop.</summary>
    private sealed class RtspServer : IAsyncDisposable
    {
        private readonly Process _process;

        private RtspServer(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        public static async Task<RtspServer> StartAsync(string root, string clip, int port, CancellationToken cancellationToken)
        {
            var info = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = false };
            foreach (string arg in new[] { Path.Combine(root, "scripts", "rtsp-test-server.py"), "--port", port.ToString(CultureInfo.InvariantCulture), "--mount", "/loop=" + clip })
            {
                info.ArgumentList.Add(arg);
            }

            Process process = Process.Start(info)!;
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                if (line is null)
                {
                    throw new InvalidOperationException("the RTSP test server exited before READY");
                }

                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    return new RtspServer(process, new Uri(line[6..]).Port);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            _process.Dispose();
        }
    }
}

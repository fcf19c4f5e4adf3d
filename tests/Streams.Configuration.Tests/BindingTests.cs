using Streams.Analytics;
using Streams.Inference;
using Streams.Sinks;
using Streams.Snapshots;
using Streams.Video;
using Streams.Sources;
using Streams.Tracking;
using System.Collections;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Streams.Configuration.Tests;

[Trait("Tier", "Unit")]
public sealed class BindingTests : ConfigTestBase
{
    private const string FullConfig = """
        pipeline:
          name: lobby
          instance_id: lobby-2
        runtime:
          queue_capacity: 16
          shutdown_timeout: 30s
          metrics_interval: 0
        logging:
          level: debug
          format: json
          file: logs/streams.log
        sources:
          - id: cam1
            uri: rtsp://10.0.0.5:554/stream1
            live: false
            replay: fast
            loop: true
            detect_fps: 12.5
            start: 1m
            duration: 1h
            queue_policy: wait
            queue_capacity: 4
            rtsp_transport: udp
            watchdog_timeout: 5s
            backoff_initial: 500ms
            backoff_max: 1.5m
            required: false
          - id: clip
            uri: media/clip.mp4
        models:
          - id: yolo
            path: models/yolo.onnx
            kind: detector
            input_width: 640
            input_height: 480
            classes: [person, car]
            confidence: 0.3
            iou: 0.5
            max_batch: 16
            max_wait: 5ms
            provider: [tensorrt, cuda, cpu]
            intra_op_threads: 4
            min_crop: 16
          - id: colour
            path: models/yolo.onnx
            kind: classifier
            apply_to: [car]
        tracker:
          type: none
          track_high_thresh: 0.6
          track_low_thresh: 0.2
          new_track_thresh: 0.7
          track_buffer: 60
          match_thresh: 0.9
        analytics:
          zones:
            - id: door
              stream: cam1
              polygon: [[0.1, 0.1], [0.9, 0.1], [0.5, 0.9]]
              coordinates: normalized
              loiter_after: 30s
          lines:
            - id: gate
              stream: clip
              points: [[0, 100], [640, 100]]
              name_in: enter
              name_out: leave
        sinks:
          - type: kafka
            id: bus
            bootstrap: localhost:9092
            topic: lobby.events
            topic_per_event_type: true
            settings:
              linger.ms: 5
              acks: all
          - type: jsonl
            path: out/events.jsonl
          - type: stdout
            pretty: true
        """;

    [Fact]
    public void A_full_config_binds_every_field()
    {
        string clip = Dir.Touch("media/clip.mp4");
        string model = Dir.Touch("models/yolo.onnx");

        var options = Load(FullConfig);

        Assert.Equal(new PipelineInfoOptions { Name = "lobby", InstanceId = "lobby-2" }, options.Pipeline);
        Assert.Equal(new RuntimeOptions { QueueCapacity = 16, ShutdownTimeout = TimeSpan.FromSeconds(30), MetricsInterval = TimeSpan.Zero }, options.Runtime);
        Assert.Equal(new LoggingOptions { Level = LogLevelOption.Debug, Format = LogFormat.Json, File = Path.Combine(Dir.Path, "logs", "streams.log") }, options.Logging);

        Assert.Equal(2, options.Sources.Count);
        Assert.Equal(
            new SourceOptions
            {
                Id = "cam1",
                Uri = "rtsp://10.0.0.5:554/stream1",
                Live = false,
                Replay = ReplayPacing.Fast,
                Loop = true,
                DetectFps = 12.5,
                Start = TimeSpan.FromMinutes(1),
                Duration = TimeSpan.FromHours(1),
                QueuePolicy = QueuePolicy.Wait,
                QueueCapacity = 4,
                RtspTransport = RtspTransportProtocol.Udp,
                WatchdogTimeout = TimeSpan.FromSeconds(5),
                BackoffInitial = TimeSpan.FromMilliseconds(500),
                BackoffMax = TimeSpan.FromSeconds(90),
                Required = false,
            },
            options.Sources[0]);
        Assert.Equal(new SourceOptions { Id = "clip", Uri = clip }, options.Sources[1]);

        var yolo = options.Models[0];
        Assert.Equal(("yolo", model, ModelKind.Detector, 640, 480), (yolo.Id, yolo.Path, yolo.Kind, yolo.InputWidth, yolo.InputHeight));
        Assert.Equal(["person", "car"], yolo.Classes);
        Assert.Equal((0.3, 0.5, 16, TimeSpan.FromMilliseconds(5)), (yolo.Confidence, yolo.Iou, yolo.MaxBatch, yolo.MaxWait));
        Assert.Equal([ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu], yolo.Provider);
        Assert.Equal((4, 16), (yolo.IntraOpThreads, yolo.MinCrop));
        Assert.Empty(yolo.ApplyTo);
        var colour = options.Models[1];
        Assert.Equal(("colour", ModelKind.Classifier), (colour.Id, colour.Kind));
        Assert.Equal(["car"], colour.ApplyTo);

        Assert.Equal(
            new TrackerOptions { Type = TrackerType.None, TrackHighThresh = 0.6, TrackLowThresh = 0.2, NewTrackThresh = 0.7, TrackBuffer = 60, MatchThresh = 0.9 },
            options.Tracker);

        var zone = Assert.Single(options.Analytics.Zones);
        Assert.Equal(("door", "cam1", CoordinateSpace.Normalized, (TimeSpan?)TimeSpan.FromSeconds(30)), (zone.Id, zone.Stream, zone.Coordinates, zone.LoiterAfter));
        Assert.Equal([new Point2D(0.1f, 0.1f), new Point2D(0.9f, 0.1f), new Point2D(0.5f, 0.9f)], zone.Polygon);
        var line = Assert.Single(options.Analytics.Lines);
        Assert.Equal(("gate", "clip", CoordinateSpace.Pixels, "enter", "leave"), (line.Id, line.Stream, line.Coordinates, line.NameIn, line.NameOut));
        Assert.Equal([new Point2D(0, 100), new Point2D(640, 100)], line.Points);

        Assert.Equal(3, options.Sinks.Count);
        var kafka = Assert.IsType<KafkaSinkOptions>(options.Sinks[0]);
        Assert.Equal(("bus", "localhost:9092", "lobby.events", true), (kafka.Id, kafka.BootstrapServers, kafka.Topic, kafka.TopicPerEventType));
        Assert.Equal(new Dictionary<string, string> { ["linger.ms"] = "5", ["acks"] = "all" }, kafka.Settings);
        var jsonl = Assert.IsType<JsonLinesFileSinkOptions>(options.Sinks[1]);
        Assert.Equal((null, Path.Combine(Dir.Path, "out", "events.jsonl")), (jsonl.Id, jsonl.Path));
        Assert.True(Assert.IsType<ConsoleEventSinkOptions>(options.Sinks[2]).Pretty);
    }

    [Fact]
    public void An_empty_document_binds_to_the_record_initializers()
    {
        var fromYaml = Load("");
        // The one default that depends on the file: api.allowed_paths is where the file is.
        var initializers = new PipelineOptions() with { Api = new ApiOptions { AllowedPaths = [Dir.Path] } };

        AssertDeepEqual(initializers, fromYaml, "");
        AssertDeepEqual(initializers, Load("# nothing but a comment\n"), "");
        AssertDeepEqual(initializers, Load("runtime:\nlogging: ~\n"), "");
    }

    [Fact]
    public void Defaults_yaml_sets_every_key_of_its_sections()
    {
        // Without this, an empty defaults.yaml would pass the test above trivially.
        var stream = new YamlStream();
        stream.Load(new StringReader(PipelineConfigLoader.DefaultsYaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var sections = new (string Key, Type Type)[]
        {
            ("pipeline", typeof(PipelineInfoOptions)), ("runtime", typeof(RuntimeOptions)),
            ("logging", typeof(LoggingOptions)), ("tracker", typeof(TrackerOptions)), ("snapshots", typeof(SnapshotOptions)),
            ("annotate", typeof(AnnotatedVideoOptions)), ("api", typeof(ApiOptions)),
        };

        Assert.Equal(sections.Select(static s => s.Key), root.Children.Keys.Select(static k => ((YamlScalarNode)k).Value));
        foreach (var (key, type) in sections)
        {
            var section = (YamlMappingNode)root[key];
            // Every key the binder reads from the section (a record's own and those it inherits), in any order.
            var expected = Internal.ConfigTypeInfo.Get(type).Properties.Select(static p => p.Key).Order(StringComparer.Ordinal);
            Assert.Equal(expected, section.Children.Keys.Select(static k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Relative_paths_resolve_against_the_config_directory()
    {
        Dir.Touch("configs/media/clip.mp4");
        Dir.Touch("configs/models/m.onnx");
        string configPath = Dir.Touch("configs/pipeline.yaml", """
            logging: { file: ../logs/streams.log }
            sources: [{ id: clip, uri: media/clip.mp4 }, { id: abs, uri: "file://MEDIA" }]
            models: [{ id: m, path: ./models/m.onnx }]
            sinks: [{ type: jsonl, path: out/events.jsonl }]
            """.Replace("MEDIA", Path.Combine(Dir.Path, "configs", "media", "clip.mp4"), StringComparison.Ordinal));
        string configs = Path.Combine(Dir.Path, "configs");

        var options = PipelineConfigLoader.Load(configPath, NoEnvironment);

        Assert.Equal(Path.Combine(Dir.Path, "logs", "streams.log"), options.Logging.File);
        Assert.Equal(Path.Combine(configs, "media", "clip.mp4"), options.Sources[0].Uri);
        Assert.Equal(Path.Combine(configs, "media", "clip.mp4"), options.Sources[1].Uri);
        Assert.Equal(Path.Combine(configs, "models", "m.onnx"), options.Models[0].Path);
        Assert.Equal(Path.Combine(configs, "out", "events.jsonl"), ((JsonLinesFileSinkOptions)options.Sinks[0]).Path);
    }

    [Fact]
    public void User_values_merge_over_the_shipped_defaults_key_by_key()
    {
        var options = Load("runtime:\n  queue_capacity: 32\ntracker:\n  track_buffer: 90\n");

        Assert.Equal(RuntimeOptions.Default with { QueueCapacity = 32 }, options.Runtime);
        Assert.Equal(TrackerOptions.Default with { TrackBuffer = 90 }, options.Tracker);
    }

    [Fact]
    public void Liveness_and_queue_policy_follow_the_scheme_unless_set()
    {
        Dir.Touch("clip.mp4");
        var options = Load("""
            sources:
              - { id: rtsp, uri: "rtsp://cam/1" }
              - { id: http, uri: "https://cam/1.m3u8" }
              - { id: file, uri: clip.mp4 }
              - { id: synth, uri: "synthetic://bars" }
              - { id: forced, uri: clip.mp4, live: true }
              - { id: chosen, uri: "rtsp://cam/2", queue_policy: wait }
            """);

        Assert.Equal(
            [(true, QueuePolicy.DropOldest), (true, QueuePolicy.DropOldest), (false, QueuePolicy.Wait),
             (false, QueuePolicy.Wait), (true, QueuePolicy.DropOldest), (true, QueuePolicy.Wait)],
            options.Sources.Select(static s => (s.IsLive, s.EffectivePolicy)));
        Assert.True(options.Sources[2].IsFile);
        Assert.False(options.Sources[3].IsFile);
    }

    [Fact]
    public void Enum_values_and_booleans_ignore_case_and_anchors_are_followed()
    {
        var options = Load("""
            logging: { level: WARNING, format: Json }
            models: []
            analytics:
              zones:
                - { id: a, polygon: &square [[0, 0], [10, 0], [10, 10], [0, 10]] }
                - { id: b, polygon: *square }
            """);

        Assert.Equal((LogLevelOption.Warning, LogFormat.Json), (options.Logging.Level, options.Logging.Format));
        Assert.Equal(options.Analytics.Zones[0].Polygon, options.Analytics.Zones[1].Polygon);
    }

    /// <summary>Structural equality through lists and dictionaries, which records compare by reference.</summary>
    private static void AssertDeepEqual(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} != {actual ?? "null"}");
            return;
        }

        var type = expected.GetType();
        if (expected is string || type.IsValueType)
        {
            Assert.True(expected.Equals(actual), $"{path}: {expected} != {actual}");
        }
        else if (expected is IDictionary expectedMap)
        {
            var actualMap = (IDictionary)actual;
            Assert.Equal(expectedMap.Count, actualMap.Count);
            foreach (DictionaryEntry entry in expectedMap)
            {
                AssertDeepEqual(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]");
            }
        }
        else if (expected is IEnumerable expectedItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: {left.Count} items != {right.Count}");
            for (int i = 0; i < left.Count; i++)
            {
                AssertDeepEqual(left[i], right[i], $"{path}[{i}]");
            }
        }
        else
        {
            Assert.True(type == actual.GetType(), $"{path}: {type} != {actual.GetType()}");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                AssertDeepEqual(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            }
        }
    }
}

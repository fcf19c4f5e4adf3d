using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Analytics.Tests.Support;
using Streams.Configuration;
using Streams.Inference;
using Streams.Sinks;
using Xunit.Abstractions;

namespace Streams.Hosting.Tests;

/// <summary>The host's composition end to end: a sample clip through the configured models, tracker and analytics to real sinks.</summary>
[Trait("Tier", "Integration")]
public sealed class ComposedPipelineTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromMinutes(3);
    private readonly string _directory = Directory.CreateTempSubdirectory("streams-compose-").FullName;
    private readonly ITestOutputHelper _output;

    public ComposedPipelineTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_configured_pipeline_publishes_schema_valid_events_to_the_embedded_broker_and_a_jsonl_file()
    {
        string root = RepositoryRoot();
        string events = Path.Combine(_directory, "events.jsonl");
        string snapshots = Path.Combine(_directory, "snapshots");
        PipelineOptions options = Load($$"""
            pipeline: { name: compose-test, instance_id: compose-1 }
            sources:
              - id: quiet-street
                uri: {{root}}/sample-streams/quiet-street.mp4
                replay: fast
                duration: 7s
            models:
              - id: demo-detector
                path: {{root}}/models/demo-detector.onnx
                intra_op_threads: 1
              - id: marked
                path: {{root}}/models/demo-classifier.onnx
                kind: classifier
                apply_to: [car, truck]
                intra_op_threads: 1
            analytics:
              lines: [{ id: street, stream: quiet-street, points: [[1000, 470], [1000, 250]] }]
              zones: [{ id: crossing, stream: quiet-street, polygon: [[560, 250], [640, 250], [640, 470], [560, 470]], loiter_after: 1s }]
              object_update_interval: 2s
              counts_interval: 3s
            sinks:
              - type: kafka
                bootstrap: embedded
                topic: compose.events
              - type: jsonl
                path: {{events}}
            snapshots:
              directory: {{snapshots}}
            """);
        var composer = new PipelineComposer(StreamsHost.DefaultSources(NullLoggerFactory.Instance), NullLoggerFactory.Instance);
        JsonSchemaValidator schema = JsonSchemaValidator.FromFile(Path.Combine(root, "schemas", "event-v1.schema.json"));

        await using ComposedPipeline composed = composer.Build(options);
        composed.Pipeline.AddStream(composer.CreateStream(options.Sources[0], options.Runtime));
        composed.Start();
        await composed.Completion.WaitAsync(s_wait);

        var kafka = Assert.IsType<KafkaEventSink>(composed.Sinks[0]);
        await kafka.FlushAsync().AsTask().WaitAsync(s_wait);
        await composed.Sinks[1].FlushAsync().AsTask().WaitAsync(s_wait);
        EventSinkStatistics stats = kafka.GetStatistics();
        _output.WriteLine($"{composed.EventsDispatched} events dispatched; kafka: {stats}");
        Assert.True(composed.EventsDispatched > 0);
        Assert.Equal(0, composed.EventsDropped);
        Assert.Equal(composed.EventsDispatched, stats.Acknowledged);

        // Everything the embedded broker holds: one record per event, headers matching the document.
        var types = new HashSet<string>(StringComparer.Ordinal);
        var snapshotFiles = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var read = new CancellationTokenSource(s_wait);
        var tail = new EventTailOptions { BootstrapServers = kafka.EmbeddedBroker!.BootstrapServers, Topics = ["compose.events"] };
        await foreach (TailedEvent e in EventTail.ReadAsync(tail, cancellationToken: read.Token))
        {
            AssertValid(schema, e.Payload, $"kafka offset {e.Offset}");
            using JsonDocument document = JsonDocument.Parse(e.Payload);
            Assert.Equal(document.RootElement.GetProperty("type").GetString(), e.EventType);
            Assert.Equal(document.RootElement.GetProperty("id").GetString(), e.EventId);
            Assert.Equal("quiet-street", e.StreamId);
            Assert.Equal("1.0", e.SchemaVersion);
            Assert.Equal("compose-1", document.RootElement.GetProperty("pipeline").GetProperty("instance_id").GetString());
            Assert.True(ids.Add(e.EventId!), $"event {e.EventId} arrived twice");
            types.Add(e.EventType!);
            if (e.EventType == "object.end" && document.RootElement.GetProperty("object").TryGetProperty("snapshot", out JsonElement snapshot))
            {
                snapshotFiles.Add(snapshot.GetProperty("path").GetString()!);
            }
            if (ids.Count == stats.Acknowledged)
            {
                break;
            }
        }

        // Every event type makes the round trip: the scene's first seconds hold new objects, zone visits (a person
        // lingers in the crossing) and line crossings; updates and counts come at their intervals; the trimmed end
        // closes every track.
        foreach (string type in new[] { "object.new", "object.update", "object.end", "zone.enter", "zone.exit", "zone.loiter", "line.cross", "counts" })
        {
            Assert.Contains(type, types);
        }

        // Every ended object has its best view on disk once the pipeline has stopped (writes finish at disposal).
        Assert.NotEmpty(snapshotFiles);
        await composed.DisposeAsync();
        foreach (string file in snapshotFiles)
        {
            string path = Path.IsPathRooted(file) ? file : Path.Combine(snapshots, file);
            byte[] jpeg = await File.ReadAllBytesAsync(path);
            Assert.True(jpeg.Length > 100 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, $"{path} is not a JPEG");
        }

        string[] lines = await File.ReadAllLinesAsync(events);
        Assert.Equal(stats.Acknowledged, lines.Length);
        foreach (string line in lines)
        {
            AssertValid(schema, Encoding.UTF8.GetBytes(line), "jsonl line");
        }
    }

    [Fact]
    public void A_model_that_is_not_onnx_stops_the_start_naming_it_and_closes_what_was_opened()
    {
        string root = RepositoryRoot();
        string bogus = Path.Combine(_directory, "bogus.onnx");
        File.WriteAllText(bogus, "this is not a model");
        PipelineOptions options = Load($$"""
            sources: [{ id: cam, uri: {{root}}/sample-streams/yard.mp4 }]
            models: [{ id: broken, path: {{bogus}} }]
            sinks: [{ type: jsonl, path: {{_directory}}/out.jsonl }]
            """);
        var composer = new PipelineComposer(StreamsHost.DefaultSources(NullLoggerFactory.Instance), NullLoggerFactory.Instance);

        var error = Assert.Throws<ModelLoadException>(() => composer.Build(options));

        Assert.Contains(bogus, error.Message, StringComparison.Ordinal);
        // The sink opened before the model was closed again: its file is complete and no longer held.
        using FileStream reopened = new(Path.Combine(_directory, "out.jsonl"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    [Fact]
    public void A_start_cancelled_before_the_sinks_and_models_open_opens_none_of_them()
    {
        string root = RepositoryRoot();
        PipelineOptions options = Load($$"""
            sources: [{ id: cam, uri: {{root}}/sample-streams/yard.mp4 }]
            models: [{ id: demo-detector, path: {{root}}/models/demo-detector.onnx }]
            sinks: [{ type: jsonl, path: {{_directory}}/out.jsonl }]
            """);
        var composer = new PipelineComposer(StreamsHost.DefaultSources(NullLoggerFactory.Instance), NullLoggerFactory.Instance);
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        Assert.Throws<OperationCanceledException>(() => composer.Build(options, cancellationToken: stopped.Token));

        Assert.False(File.Exists(Path.Combine(_directory, "out.jsonl")), "a sink was opened after the stop was asked for");
    }

    private PipelineOptions Load(string yaml) =>
        PipelineConfigLoader.LoadFromString(yaml, "test.yaml", _directory, static _ => null);

    private static void AssertValid(JsonSchemaValidator schema, ReadOnlyMemory<byte> document, string where)
    {
        IReadOnlyList<SchemaValidationError> errors = schema.Validate(document);
        Assert.True(errors.Count == 0, $"{where}: {string.Join("; ", errors)}\n{Encoding.UTF8.GetString(document.Span)}");
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

        throw new InvalidOperationException("Streams.sln not found above " + AppContext.BaseDirectory);
    }
}

using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Sinks;
using ConfigKafkaSinkOptions = Streams.Configuration.KafkaSinkOptions;
using SinkKafkaOptions = Streams.Sinks.KafkaSinkOptions;
using SinkOptions = Streams.Configuration.SinkOptions;

namespace Streams.Hosting.Composition;

/// <summary>Opens the configured <c>sinks:</c>.</summary>
internal static class EventSinks
{
    /// <summary>Opens one sink. A Kafka sink with <c>bootstrap: embedded</c> starts the in-process broker.</summary>
    public static IEventSink Open(SinkOptions sink, ILoggerFactory loggers) => sink switch
    {
        ConfigKafkaSinkOptions kafka => new KafkaEventSink(new SinkKafkaOptions
        {
            BootstrapServers = kafka.Bootstrap,
            Topic = kafka.Topic,
            TopicPerEventType = kafka.TopicPerEventType,
            Settings = kafka.Settings,
            Spool = kafka.Spool,
            SpoolMaxBytes = kafka.SpoolMaxBytes,
            SpoolMode = kafka.SpoolMode == Streams.Configuration.SpoolMode.Always ? Streams.Sinks.SpoolMode.Always : Streams.Sinks.SpoolMode.OnFailure,
            SpoolFsync = kafka.SpoolFsync switch
            {
                SpoolFsync.Always => FsyncPolicy.Always,
                SpoolFsync.Never => FsyncPolicy.Never,
                _ => FsyncPolicy.Interval,
            },
        }, loggers.CreateLogger<KafkaEventSink>()),
        JsonlSinkOptions jsonl => new JsonLinesFileSink(new JsonLinesFileSinkOptions { Path = jsonl.Path }, loggers.CreateLogger<JsonLinesFileSink>()),
        StdoutSinkOptions stdout => new ConsoleEventSink(new ConsoleEventSinkOptions { Pretty = stdout.Pretty }),
        _ => throw new NotSupportedException($"No sink operator for {sink.GetType().Name}."),
    };
}

using Microsoft.Extensions.Logging;
using Streams.Options;

namespace Streams.Sinks;

/// <summary>
/// A <c>type: kafka</c> sink: the settings of <see cref="KafkaEventSink"/>, events produced to a Kafka topic. Defaults
/// favour no loss and low latency: acks=all, idempotence on, lz4, linger 5 ms, and no client-side message timeout (the
/// sink bounds memory itself and spools instead). The producer tuning is code only: a pipeline file sets any
/// librdkafka property through <see cref="Settings"/>, which overrides them.
/// </summary>
[ConfigSubtype("kafka")]
public sealed record KafkaSinkOptions : SinkOptions
{
    /// <summary>The value of <see cref="BootstrapServers"/> that starts an <see cref="EmbeddedKafkaBroker"/> in-process.</summary>
    public const string Embedded = "embedded";

    /// <summary>The shipped defaults (the embedded broker, no spool).</summary>
    public static KafkaSinkOptions Default { get; } = new();

    /// <summary>
    /// <c>bootstrap</c> (<c>bootstrap.servers</c>): comma-separated <c>host:port</c> brokers, e.g.
    /// <c>broker1:9092,broker2:9092</c>; or <c>embedded</c> to start an in-memory Kafka-protocol broker in this process
    /// (demos and tests only; its address is logged). Default <c>embedded</c>.
    /// </summary>
    [ConfigName("bootstrap")]
    public string BootstrapServers { get; init; } = Embedded;

    /// <summary><c>topic</c>: the topic name (1-249 letters, digits, '.', '_' or '-'); with
    /// <see cref="TopicPerEventType"/>, the prefix of one topic per event type. Default <c>streams.events</c>.</summary>
    public string Topic { get; init; } = "streams.events";

    /// <summary><c>topic_per_event_type</c>: produce each event type to <c>{topic}.{event_type}</c>, named by
    /// <see cref="KafkaTopicNames.ForEventType"/>. Default false.</summary>
    public bool TopicPerEventType { get; init; }

    /// <summary>
    /// <c>settings</c>: any librdkafka producer setting (CONFIGURATION.md: <c>linger.ms</c>, <c>sasl.password</c>, ...),
    /// SASL and SSL included, passed through as written and applied last, so it overrides the properties here. Secrets
    /// in it (<c>sasl.password</c>, <c>ssl.key.password</c>, ...) never reach a log: see <see cref="KafkaConfigRedactor"/>.
    /// Default empty.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// <c>spool</c>: a directory (resolved against the pipeline file's; created if missing) where events wait on disk
    /// once the in-memory bound is reached or the broker has been away for <see cref="SpillAfter"/>, replayed in order
    /// when it is back and after a restart. Default null: no spool; events wait in memory and the pipeline slows down
    /// when that bound is reached.
    /// </summary>
    /// <remarks>
    /// The directory holds append-only segment files (<c>NNNNNNNNNNNNNNNNNNNN.seg</c>), each a 16-byte header followed by
    /// records framed as <c>magic u32 | body length u32 | CRC32C(length, body) u32 | body</c>. A segment is deleted only
    /// once every record in it was acknowledged. One process at a time may use a directory (a lock file guards it).
    /// </remarks>
    [ConfigPath]
    public string? Spool { get; init; }

    /// <summary><c>spool_max_bytes</c>: the spool's disk bound, all segments together, at least 1 MiB. Default 1 GiB
    /// (about a million 1 KB events). Beyond it new events are dropped and counted under
    /// <see cref="EventDropReason.SpoolFull"/>, with one warning per episode.</summary>
    public long SpoolMaxBytes { get; init; } = 1L << 30;

    /// <summary><c>spool_mode</c>: <c>on_failure</c> spools only once the broker falls behind; <c>always</c> writes every
    /// event to the spool before taking the next (write-ahead), so a killed process loses none it took, at a throughput
    /// cost. Needs <see cref="Spool"/>. Default <c>on_failure</c>.</summary>
    public SpoolMode SpoolMode { get; init; } = SpoolMode.OnFailure;

    /// <summary><c>spool_fsync</c>: when spool writes are forced to disk: <c>always</c> (every batch), <c>interval</c>
    /// (every <see cref="SpoolFsyncInterval"/>) or <c>never</c> (left to the OS). A killed process loses nothing either
    /// way; only a power cut can lose what was not synced. Default <c>interval</c>.</summary>
    public FsyncPolicy SpoolFsync { get; init; } = FsyncPolicy.Interval;

    /// <summary>Size at which the active spool segment is sealed and a new one begun, at least 4 KiB. Default 8 MiB:
    /// small enough that a fully acknowledged segment is freed soon, large enough that file churn stays low. Code only.</summary>
    [ConfigIgnore]
    public long SpoolSegmentBytes { get; init; } = 8L << 20;

    /// <summary>The period of <see cref="FsyncPolicy.Interval"/>, greater than zero. Default 1 s. Code only.</summary>
    [ConfigIgnore]
    public TimeSpan SpoolFsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>acks</c>. Default <c>all</c>: the write is in every in-sync replica before it counts as acknowledged. Code only.</summary>
    [ConfigIgnore]
    public string Acks { get; init; } = "all";

    /// <summary><c>enable.idempotence</c>. Default true: the client's own retries never duplicate or reorder a partition. Code only.</summary>
    [ConfigIgnore]
    public bool EnableIdempotence { get; init; } = true;

    /// <summary><c>compression.type</c>: none, gzip, snappy, lz4 or zstd (all built into librdkafka.redist 2.16.0).
    /// Default lz4: cheapest on CPU at a useful ratio for JSON. Code only.</summary>
    [ConfigIgnore]
    public string Compression { get; init; } = "lz4";

    /// <summary><c>linger.ms</c>: how long the client waits to fill a batch, zero or more. Default 5 ms, for latency. Code only.</summary>
    [ConfigIgnore]
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// <c>message.timeout.ms</c> (alias <c>delivery.timeout.ms</c>), zero or more. Default zero: no timeout. The sink
    /// bounds what waits in memory itself (<see cref="MaxInFlightEvents"/>, <see cref="SpillAfter"/>) and spools the
    /// rest, so the client never has to give up on a message; a client-side timeout would leave gaps and reorder a
    /// partition (librdkafka's documented behaviour when a message expires while later ones get through). A non-zero
    /// value still works: timed-out events are spooled and resent. Code only.
    /// </summary>
    [ConfigIgnore]
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Events handed to the client and not yet acknowledged, at most, at least 1. Default 10 000. Beyond it new
    /// events go to the spool (or, with no spool, <see cref="IEventSink.WriteAsync"/> waits). Code only.</summary>
    [ConfigIgnore]
    public int MaxInFlightEvents { get; init; } = 10_000;

    /// <summary>Bytes of events in flight, at most, at least 1 KiB. Default 32 MiB. Code only.</summary>
    [ConfigIgnore]
    public long MaxInFlightBytes { get; init; } = 32L << 20;

    /// <summary>
    /// How long an event may wait unacknowledged in memory alone before the sink copies everything in flight to the spool
    /// and queues new events behind it, greater than zero. Default 5 s: longer than any healthy round trip, short enough
    /// that a crash in an outage loses little. Only matters with a spool. Code only.
    /// </summary>
    [ConfigIgnore]
    public TimeSpan SpillAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Capacity of the intake channel between <see cref="IEventSink.WriteAsync"/> and the sink's pump, at least
    /// 1. Default 1024. Code only.</summary>
    [ConfigIgnore]
    public int IntakeCapacity { get; init; } = 1024;

    /// <summary>
    /// Graceful stop deadline when disposed, zero or more: how long disposing waits for in-flight events to be
    /// acknowledged before spooling what is left (or dropping it as <see cref="EventDropReason.Stopped"/> with no
    /// spool). Default 10 s. Once everything unacknowledged is already in the spool, the stop ends as soon as
    /// acknowledgements stop arriving (0.5 s), so a stop during an outage does not wait the whole deadline. Code only:
    /// a pipeline stops its sinks within <c>runtime.shutdown_timeout</c>.
    /// </summary>
    [ConfigIgnore]
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>client.id</c>. Default <c>streams</c>. Code only.</summary>
    [ConfigIgnore]
    public string ClientId { get; init; } = "streams";

    /// <summary>Brokers of the embedded cluster when <see cref="BootstrapServers"/> is <c>embedded</c>, at least 1.
    /// Default 1. Code only.</summary>
    [ConfigIgnore]
    public int EmbeddedBrokers { get; init; } = 1;

    /// <summary>True when <see cref="BootstrapServers"/> asks for the embedded broker.</summary>
    public bool UsesEmbeddedBroker => string.Equals(BootstrapServers.Trim(), Embedded, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override IEventSink CreateSink(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        return new KafkaEventSink(this, loggers.CreateLogger<KafkaEventSink>());
    }

    /// <summary>Brokers named, a legal topic, a spool bound of at least 1 MiB (and a directory for write-ahead), and
    /// the producer's bounds.</summary>
    public override void Validate(OptionsValidation validation)
    {
        base.Validate(validation);
        validation.NotEmpty(nameof(BootstrapServers), BootstrapServers);
        validation.AtLeast(nameof(SpoolMaxBytes), SpoolMaxBytes, 1L << 20);
        if (SpoolMode == SpoolMode.Always && Spool is null)
        {
            validation.Error(nameof(SpoolMode), "spool_mode 'always' needs a spool directory: set 'spool'");
        }

        if (!KafkaTopicNames.IsLegal(Topic))
        {
            validation.Error(nameof(Topic),
                $"invalid Kafka topic {validation.Quote(nameof(Topic), Topic)}; use 1-249 letters, digits, '.', '_' or '-', and not '.' or '..'");
        }

        if (Spool is not null)
        {
            validation.NotEmpty(nameof(Spool), Spool);
        }

        validation.AtLeast(nameof(SpoolSegmentBytes), SpoolSegmentBytes, 4096L);
        validation.Positive(nameof(SpoolFsyncInterval), SpoolFsyncInterval);
        validation.AtLeast(nameof(Linger), Linger, TimeSpan.Zero);
        validation.AtLeast(nameof(DeliveryTimeout), DeliveryTimeout, TimeSpan.Zero);
        validation.AtLeast(nameof(MaxInFlightEvents), MaxInFlightEvents, 1);
        validation.AtLeast(nameof(MaxInFlightBytes), MaxInFlightBytes, 1024L);
        validation.Positive(nameof(SpillAfter), SpillAfter);
        validation.AtLeast(nameof(IntakeCapacity), IntakeCapacity, 1);
        validation.AtLeast(nameof(StopTimeout), StopTimeout, TimeSpan.Zero);
        validation.AtLeast(nameof(EmbeddedBrokers), EmbeddedBrokers, 1);
    }
}

namespace Streams.Sinks;

/// <summary>
/// Settings of <see cref="KafkaEventSink"/>. Defaults favour no loss and low latency: acks=all, idempotence on, lz4,
/// linger 5 ms, and no client-side message timeout (the sink bounds memory itself and spools instead).
/// </summary>
public sealed record KafkaSinkOptions
{
    /// <summary>The value of <see cref="BootstrapServers"/> that starts an <see cref="EmbeddedKafkaBroker"/> in-process.</summary>
    public const string Embedded = "embedded";

    private readonly string _bootstrapServers = "localhost:9092";
    private readonly string _topic = "streams.events";
    private readonly TimeSpan _linger = TimeSpan.FromMilliseconds(5);
    private readonly TimeSpan _deliveryTimeout = TimeSpan.Zero;
    private readonly int _maxInFlightEvents = 10_000;
    private readonly long _maxInFlightBytes = 32L << 20;
    private readonly TimeSpan _spillAfter = TimeSpan.FromSeconds(5);
    private readonly int _intakeCapacity = 1024;
    private readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(10);
    private readonly int _embeddedBrokers = 1;

    /// <summary>Shipped defaults (broker on localhost:9092, no spool).</summary>
    public static KafkaSinkOptions Default { get; } = new();

    /// <summary>
    /// <c>bootstrap.servers</c>, e.g. <c>broker1:9092,broker2:9092</c>; or <c>embedded</c> to start an in-memory
    /// Kafka-protocol broker in this process (demos and tests only; its address is logged). Default localhost:9092.
    /// </summary>
    public string BootstrapServers
    {
        get => _bootstrapServers;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _bootstrapServers = value;
        }
    }

    /// <summary>The topic; or, with <see cref="TopicPerEventType"/>, the prefix of one topic per type. Default <c>streams.events</c>.</summary>
    public string Topic
    {
        get => _topic;
        init
        {
            KafkaTopicNames.Validate(value);
            _topic = value;
        }
    }

    /// <summary>One topic per event type, named <c>{Topic}.{type}</c> by <see cref="KafkaTopicNames.ForEventType"/>. Default false.</summary>
    public bool TopicPerEventType { get; init; }

    /// <summary><c>acks</c>. Default <c>all</c>: the write is in every in-sync replica before it counts as acknowledged.</summary>
    public string Acks { get; init; } = "all";

    /// <summary><c>enable.idempotence</c>. Default true: the client's own retries never duplicate or reorder a partition.</summary>
    public bool EnableIdempotence { get; init; } = true;

    /// <summary><c>compression.type</c>: none, gzip, snappy, lz4 or zstd (all built into librdkafka.redist 2.16.0).
    /// Default lz4: cheapest on CPU at a useful ratio for JSON.</summary>
    public string Compression { get; init; } = "lz4";

    /// <summary><c>linger.ms</c>: how long the client waits to fill a batch. Default 5 ms, for latency.</summary>
    public TimeSpan Linger
    {
        get => _linger;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _linger = value;
        }
    }

    /// <summary>
    /// <c>message.timeout.ms</c> (alias <c>delivery.timeout.ms</c>). Default zero: no timeout. The sink bounds what waits in
    /// memory itself (<see cref="MaxInFlightEvents"/>, <see cref="SpillAfter"/>) and spools the rest, so the client never
    /// has to give up on a message; a client-side timeout would leave gaps and reorder a partition (librdkafka's documented
    /// behaviour when a message expires while later ones get through). A non-zero value still works: timed-out events are
    /// spooled and resent.
    /// </summary>
    public TimeSpan DeliveryTimeout
    {
        get => _deliveryTimeout;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _deliveryTimeout = value;
        }
    }

    /// <summary>Events handed to the client and not yet acknowledged, at most. Default 10 000. Beyond it new events go to
    /// the spool (or, with no spool, <see cref="IEventSink.WriteAsync"/> waits).</summary>
    public int MaxInFlightEvents
    {
        get => _maxInFlightEvents;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxInFlightEvents = value;
        }
    }

    /// <summary>Bytes of events in flight, at most. Default 32 MiB.</summary>
    public long MaxInFlightBytes
    {
        get => _maxInFlightBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1024);
            _maxInFlightBytes = value;
        }
    }

    /// <summary>
    /// How long an event may wait unacknowledged in memory alone before the sink copies everything in flight to the spool
    /// and queues new events behind it. Default 5 s: longer than any healthy round trip, short enough that a crash in an
    /// outage loses little. Only matters with a spool.
    /// </summary>
    public TimeSpan SpillAfter
    {
        get => _spillAfter;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _spillAfter = value;
        }
    }

    /// <summary>Capacity of the intake channel between <see cref="IEventSink.WriteAsync"/> and the sink's pump. Default 1024.</summary>
    public int IntakeCapacity
    {
        get => _intakeCapacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _intakeCapacity = value;
        }
    }

    /// <summary>
    /// Graceful stop deadline: how long disposing waits for in-flight events to be acknowledged before spooling what is
    /// left (or dropping it as <see cref="EventDropReason.Stopped"/> with no spool). Default 10 s. Once everything
    /// unacknowledged is already in the spool, the stop ends as soon as acknowledgements stop arriving (0.5 s), so a stop
    /// during an outage does not wait the whole deadline.
    /// </summary>
    public TimeSpan StopTimeout
    {
        get => _stopTimeout;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _stopTimeout = value;
        }
    }

    /// <summary>The durable spool; null (the default) keeps events in memory only.</summary>
    public SpoolOptions? Spool { get; init; }

    /// <summary><c>client.id</c>. Default <c>streams</c>.</summary>
    public string ClientId { get; init; } = "streams";

    /// <summary>Brokers of the embedded cluster when <see cref="BootstrapServers"/> is <c>embedded</c>. Default 1.</summary>
    public int EmbeddedBrokers
    {
        get => _embeddedBrokers;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _embeddedBrokers = value;
        }
    }

    /// <summary>
    /// Any librdkafka setting (CONFIGURATION.md), SASL and SSL included, applied last so it overrides the properties
    /// above. Secrets in it (<c>sasl.password</c>, <c>ssl.key.password</c>, ...) never reach a log: see
    /// <see cref="KafkaConfigRedactor"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>True when <see cref="BootstrapServers"/> asks for the embedded broker.</summary>
    public bool UsesEmbeddedBroker => string.Equals(BootstrapServers.Trim(), Embedded, StringComparison.OrdinalIgnoreCase);
}

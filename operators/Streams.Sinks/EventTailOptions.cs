namespace Streams.Sinks;

/// <summary>What <see cref="EventTail"/> reads and how.</summary>
public sealed record EventTailOptions
{
    private readonly string _bootstrapServers = "";
    private readonly TimeSpan _metadataRefresh = TimeSpan.FromSeconds(2);
    private readonly TimeSpan? _connectTimeout = TimeSpan.FromSeconds(10);

    /// <summary><c>bootstrap.servers</c> of the cluster (an embedded broker's address works too). Required.</summary>
    public required string BootstrapServers
    {
        get => _bootstrapServers;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _bootstrapServers = value;
        }
    }

    /// <summary>Topics to read. Default <c>streams.events</c>. Ignored when <see cref="TopicPrefix"/> is set.</summary>
    public IReadOnlyList<string> Topics { get; init; } = ["streams.events"];

    /// <summary>Read every topic whose name starts with this (e.g. <c>streams.events.</c> for topics per type), including
    /// topics created later. Default null: use <see cref="Topics"/>.</summary>
    public string? TopicPrefix { get; init; }

    /// <summary>Only events of these types (the <c>event-type</c> header). Default null: all.</summary>
    public IReadOnlySet<string>? EventTypes { get; init; }

    /// <summary>Only events of these streams (the key). Default null: all.</summary>
    public IReadOnlySet<string>? StreamIds { get; init; }

    /// <summary>
    /// False (the default): assign every partition directly, with no consumer group; reading starts at once and commits
    /// nothing. True: join a consumer group (<see cref="GroupId"/>, or a fresh id), which takes a few seconds to settle.
    /// </summary>
    public bool UseConsumerGroup { get; init; }

    /// <summary>The group id with <see cref="UseConsumerGroup"/>; null gives a fresh <c>streams-tail-{guid}</c>.</summary>
    public string? GroupId { get; init; }

    /// <summary>Start at the oldest retained event (true, the default) or only show new ones.</summary>
    public bool FromBeginning { get; init; } = true;

    /// <summary>Without a group: how often to look for new topics and partitions. Default 2 s.</summary>
    public TimeSpan MetadataRefresh
    {
        get => _metadataRefresh;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _metadataRefresh = value;
        }
    }

    /// <summary>
    /// How long to wait for the first answer from the cluster: if no broker has answered by then, the enumeration ends
    /// with a <see cref="TimeoutException"/> that names the bootstrap servers. Greater than 0. Default 10 s; null: wait
    /// without limit. A cluster lost after the first answer is waited for without limit (and reported to
    /// <see cref="Status"/>).
    /// </summary>
    public TimeSpan? ConnectTimeout
    {
        get => _connectTimeout;
        init
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(v, TimeSpan.Zero);
            }

            _connectTimeout = value;
        }
    }

    /// <summary>
    /// Receives one line for each change in the connection to the cluster that a person watching should know of: no
    /// broker reachable yet, all brokers lost, connected again. Called on the tail's thread; must return quickly.
    /// Default null: the lines go to the logger only.
    /// </summary>
    public Action<string>? Status { get; init; }

    /// <summary>Any librdkafka consumer setting (SASL, SSL...), applied last. Secrets are masked in logs.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Options;
using Streams.Runtime;
using Streams.Sinks.Internal;

namespace Streams.Sinks;

/// <summary>
/// Sends events to Kafka (Confluent.Kafka over librdkafka.redist's librdkafka, see <see cref="KafkaLibrary"/>), never
/// losing one silently.
/// </summary>
/// <remarks>
/// <para><b>Path of an event.</b> <see cref="WriteAsync"/> puts it on a bounded intake channel; one pump task takes it
/// from there. While the broker keeps up, the pump produces it at once (key = stream id, headers <c>event-id</c>,
/// <c>event-type</c>, <c>schema-version</c>, <c>content-type: application/json</c>) and keeps it in memory until its
/// delivery report. When <see cref="KafkaSinkOptions.MaxInFlightEvents"/>/<see cref="KafkaSinkOptions.MaxInFlightBytes"/>
/// is reached, or the oldest unacknowledged event has waited <see cref="KafkaSinkOptions.SpillAfter"/>, the pump copies
/// everything unacknowledged to the disk spool and from then on appends every new event to the spool's tail, producing
/// from the spool's head as acknowledgements make room, until the spool has nothing left to send.</para>
/// <para><b>Order.</b> Per stream (per partition) order holds across outages and replays: events are produced in
/// arrival order by one producer with idempotence on and no client-side message timeout, so librdkafka retries without
/// gaps or reordering; once anything is in the spool, newer events queue behind it. A spool left by an earlier process is
/// sent before anything new. (With a non-zero <see cref="KafkaSinkOptions.DeliveryTimeout"/>, an event that times out is
/// sent again after later ones may have been delivered: librdkafka's documented gap.)</para>
/// <para><b>Loss and duplicates.</b> Nothing acknowledged is lost, and nothing unacknowledged is lost short of a crash:
/// a killed process loses what was only in memory (at most the in-flight bound, for at most
/// <see cref="KafkaSinkOptions.SpillAfter"/>), never what reached the spool. Idempotence keeps the producer from writing
/// duplicates; but a spool replayed after a crash resends events whose acknowledgement was not yet recorded, so
/// consumers must deduplicate by <see cref="OutgoingEvent.EventId"/>. A graceful stop rewrites the spool without the
/// acknowledged records, so a clean restart resends only what was really unacknowledged.</para>
/// <para><b>Write-ahead.</b> With <see cref="SpoolMode.Always"/> every event takes the spool's path: appended (and synced
/// as <see cref="KafkaSinkOptions.SpoolFsync"/> says) before <see cref="WriteAsync"/> returns, produced from the spool's head,
/// settled when acknowledged. A killed process then loses nothing it accepted.</para>
/// <para><b>Drops</b> happen only when the spool's disk bound is reached, when the broker rejects an event for good, or
/// at a stop with no spool; each is counted by reason and logged once per episode.</para>
/// </remarks>
public sealed partial class KafkaEventSink : IEventSink
{
    private const int IntakeBatch = 1024;

    private readonly KafkaSinkOptions _options;
    private readonly ILogger _logger;
    private readonly SinkCounters _counters = new("kafka");
    private readonly Channel<IntakeItem> _intake;
    private readonly Channel<DeliveryOutcome> _reports;
    private readonly AutoResetSignal _signal = new();
    private readonly Spool? _spool;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _config;
    private readonly Task _pump;
    private readonly bool _writeAhead;
    private readonly object _stopLock = new();
    private Task<SinkStopReport>? _stopping;

    // Set once, before the intake completes, and read by the pump only after it has seen the intake complete.
    private CancellationToken _stopToken;
    private TimeSpan _stopBound;
    private SinkStopReport? _stopReport;

    /// <summary>
    /// Starts the sink: opens the spool (replaying what an earlier process left), builds the producer and starts the pump.
    /// With <see cref="KafkaSinkOptions.BootstrapServers"/> = <c>embedded</c>, starts an <see cref="EmbeddedKafkaBroker"/>
    /// first, owned by the sink and logged with its address.
    /// </summary>
    /// <exception cref="IOException">The spool directory is in use by another process or unreadable.</exception>
    /// <exception cref="ArgumentException">The options break a rule of <see cref="KafkaSinkOptions.Validate"/>, or
    /// librdkafka refused a setting (the message has secrets masked).</exception>
    public KafkaEventSink(KafkaSinkOptions options, ILogger<KafkaEventSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.ThrowIfInvalid(options, nameof(options));
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        string version = KafkaLibrary.EnsureLoaded();
        string bootstrap = options.BootstrapServers;
        if (options.UsesEmbeddedBroker)
        {
            EmbeddedBroker = EmbeddedKafkaBroker.Start(options.EmbeddedBrokers, _logger);
            bootstrap = EmbeddedBroker.BootstrapServers;
        }

        try
        {
            _config = BuildConfig(options, bootstrap);
            _intake = Channel.CreateBounded<IntakeItem>(new BoundedChannelOptions(options.IntakeCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _reports = Channel.CreateUnbounded<DeliveryOutcome>(new UnboundedChannelOptions { SingleReader = true });
            _producer = CreateProducer();
            if (options.Spool is not null)
            {
                _spool = Spool.Open(options, _logger, _counters);
                _writeAhead = options.SpoolMode == SpoolMode.Always;
                _spooling = _writeAhead || _spool.PendingCount > 0; // what a crashed run left goes first
            }
        }
        catch
        {
            _producer?.Dispose();
            EmbeddedBroker?.Dispose();
            throw;
        }

        _logger.LogInformation(SinkLogEvents.KafkaSinkStarted,
            "Kafka sink started (librdkafka {Version}): topic {Topic}{PerType}, spool {Spool} ({SpoolMode}); config: {Config}",
            version, options.Topic, options.TopicPerEventType ? ".{type}" : "", options.Spool ?? "(none)",
            options.Spool is null ? "none" : _writeAhead ? "write-ahead, fsync " + options.SpoolFsync : "on failure",
            KafkaConfigRedactor.Format(_config));
        _pump = Task.Run(PumpAsync);
    }

    /// <inheritdoc />
    public string Name => "kafka";

    /// <inheritdoc />
    public Task Completion => _pump;

    /// <summary>The embedded broker this sink started (<c>bootstrap: embedded</c>), or null.</summary>
    public EmbeddedKafkaBroker? EmbeddedBroker { get; }

    /// <summary>The producer configuration in effect, secrets masked: fit for logs and diagnostics.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RedactedConfig => KafkaConfigRedactor.Redact(_config);

    /// <inheritdoc />
    public ValueTask WriteAsync(OutgoingEvent outgoingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outgoingEvent);
        if (_writeAhead)
        {
            return WriteAheadAsync(outgoingEvent, cancellationToken);
        }

        if (!cancellationToken.IsCancellationRequested && _intake.Writer.TryWrite(new IntakeItem(outgoingEvent, null)))
        {
            _counters.Accepted();
            _signal.Set();
            return ValueTask.CompletedTask;
        }

        return WriteSlowAsync(new IntakeItem(outgoingEvent, null), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var request = new FlushRequest();
        await WriteSlowAsync(new IntakeItem(null, request), cancellationToken);
        await request.Done.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public EventSinkStatistics GetStatistics() =>
        _counters.Snapshot(Volatile.Read(ref _inFlightCount), _spool?.PendingCount ?? 0, _spool?.Bytes ?? 0);

    /// <summary>
    /// Stops gracefully: takes no more events, waits until <paramref name="cancellationToken"/> fires for what is in
    /// flight to be acknowledged (a token that cannot fire: up to <see cref="KafkaSinkOptions.StopTimeout"/>), spools
    /// the rest (or drops it as <see cref="EventDropReason.Stopped"/> with no spool), stops the producer's poll loop
    /// and frees it, then stops the embedded broker if the sink started one. Once everything unacknowledged is safe in
    /// the spool, the stop ends as soon as acknowledgements stop arriving.
    /// </summary>
    public ValueTask<SinkStopReport> StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            _stopping ??= StopCoreAsync(cancellationToken);
            return new ValueTask<SinkStopReport>(_stopping);
        }
    }

    /// <summary>Stops gracefully within <see cref="KafkaSinkOptions.StopTimeout"/> (see <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task<SinkStopReport> StopCoreAsync(CancellationToken cancellationToken)
    {
        _stopToken = cancellationToken;
        _stopBound = cancellationToken.CanBeCanceled ? Timeout.InfiniteTimeSpan : _options.StopTimeout;
        // A deadline passing wakes the pump at once rather than at its next timer.
        using (cancellationToken.Register(static signal => ((AutoResetSignal)signal!).Set(), _signal))
        {
            _intake.Writer.TryComplete();
            _signal.Set();
            try
            {
                await _pump;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // already logged by the pump; Completion carries it
            }
        }

        EmbeddedBroker?.Dispose();
        return _stopReport ?? SinkStopReport.Clean(Name);
    }

    private async ValueTask WriteAheadAsync(OutgoingEvent outgoingEvent, CancellationToken cancellationToken)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WriteSlowAsync(new IntakeItem(outgoingEvent, null, durable), cancellationToken);

        // Taken: the pump settles it (spooled, or dropped and counted) whatever the token does from here, so the wait
        // is not cancelable; answering "not taken" would be untrue.
        await durable.Task;
    }

    private async ValueTask WriteSlowAsync(IntakeItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _intake.Writer.WriteAsync(item, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException("The Kafka sink is stopping or has failed; the event was not taken.", ex.InnerException ?? ex);
        }

        if (item.Event is not null)
        {
            _counters.Accepted();
        }

        _signal.Set();
    }
}

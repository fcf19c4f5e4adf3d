using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Sinks.Internal;

namespace Streams.Sinks;

// The producer: configuration, produce calls and the callbacks Confluent.Kafka runs on its poll thread. No exception
// leaves a callback: each only hands data to the pump through a channel and wakes it.
public sealed partial class KafkaEventSink
{
    private const int HeaderCacheLimit = 4096;
    private static readonly byte[] s_contentType = "application/json"u8.ToArray();

    private readonly Dictionary<string, byte[]> _keyCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _typeCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _schemaCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _topicCache = new(StringComparer.Ordinal);
    private readonly Dictionary<ErrorCode, long> _clientErrorLogged = [];
    private IProducer<byte[], byte[]> _producer;
    private int _generation;
    private volatile bool _fatal;
    private volatile bool _brokersDown;
    private volatile bool _deliveryTrouble;

    /// <summary>
    /// False while librdkafka reports every broker down, or since a delivery failed and none has succeeded again: what a
    /// readiness probe asks. With no events flowing, a broker that went away is noticed by librdkafka's own reconnects.
    /// </summary>
    public bool IsBrokerReachable => !_brokersDown && !_deliveryTrouble;

    /// <summary>The effective librdkafka configuration: this sink's defaults, then <see cref="KafkaSinkOptions.Settings"/>.</summary>
    internal static List<KeyValuePair<string, string>> BuildConfig(KafkaSinkOptions options, string bootstrap)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = bootstrap,
            ["client.id"] = options.ClientId,
            ["acks"] = options.Acks,
            ["enable.idempotence"] = options.EnableIdempotence ? "true" : "false",
            ["compression.type"] = options.Compression,
            ["linger.ms"] = ((long)options.Linger.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["message.timeout.ms"] = ((long)options.DeliveryTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            // Small JSON events: Nagle would hold a lone batch back by up to 40 ms.
            ["socket.nagle.disable"] = "true",
            // librdkafka backs off reconnects up to 10 s by default; 2 s brings a returning broker back sooner.
            ["reconnect.backoff.max.ms"] = "2000",
            // librdkafka's own queue must never be the bound: the sink's in-flight bound is (x2 for headroom).
            ["queue.buffering.max.messages"] = Math.Max(100_000, 2L * options.MaxInFlightEvents).ToString(CultureInfo.InvariantCulture),
            ["queue.buffering.max.kbytes"] = Math.Max(1_048_576, 2 * options.MaxInFlightBytes / 1024).ToString(CultureInfo.InvariantCulture),
            // Delivery reports carry nothing back: the sink keeps its own record of each event.
            ["dotnet.producer.delivery.report.fields"] = "none",
        };
        if (options.EnableIdempotence)
        {
            // Without it a failed batch (a stale epoch, say) lets librdkafka bump the epoch and deliver the batches
            // behind it first: per-stream order breaks. With it such a gap is a fatal error, and the sink resends in order.
            config["enable.gapless.guarantee"] = "true";
        }

        foreach (KeyValuePair<string, string> kv in options.Settings)
        {
            config[kv.Key] = kv.Value;
        }

        return [.. config];
    }

    private IProducer<byte[], byte[]> CreateProducer()
    {
        try
        {
            return new ProducerBuilder<byte[], byte[]>(_config)
                .SetErrorHandler(OnClientError)
                .SetLogHandler(OnClientLog)
                .Build();
        }
        catch (Exception ex) when (ex is KafkaException or ArgumentException or InvalidOperationException)
        {
            // librdkafka quotes a refused value back: keep secrets out of the message.
            throw new ArgumentException("Kafka producer configuration refused: " + KafkaConfigRedactor.RedactText(ex.Message, _config));
        }
    }

    private string TopicFor(string eventType)
    {
        if (!_options.TopicPerEventType)
        {
            return _options.Topic;
        }

        if (!_topicCache.TryGetValue(eventType, out string? topic))
        {
            topic = KafkaTopicNames.ForEventType(_options.Topic, eventType);
            if (_topicCache.Count < HeaderCacheLimit)
            {
                _topicCache[eventType] = topic;
            }
        }

        return topic;
    }

    /// <summary>Produces one event; false (and the event settled as dropped) when the client refuses it for good.</summary>
    private bool Produce(InFlightEvent entry)
    {
        OutgoingEvent e = entry.Event;
        string topic;
        try
        {
            topic = TopicFor(e.EventType);
        }
        catch (ArgumentException ex)
        {
            Reject(entry, ex.Message);
            return false;
        }

        var headers = new Headers
        {
            { "event-id", Encoding.UTF8.GetBytes(e.EventId) },
            { "event-type", Cached(_typeCache, e.EventType) },
            { "schema-version", Cached(_schemaCache, e.SchemaVersion) },
            { "content-type", s_contentType },
        };
        var message = new Message<byte[], byte[]>
        {
            Key = Cached(_keyCache, e.StreamId),
            Value = PayloadArray(e.Payload),
            Headers = headers,
            Timestamp = new Timestamp(e.Timestamp),
        };

        entry.InFlight = true;
        entry.Generation = _generation;
        entry.ProducedAt = Stopwatch.GetTimestamp();
        _inFlightCount++;
        _inFlightBytes += entry.Size;
        int generation = _generation;
        try
        {
            _producer.Produce(topic, message, report => OnDelivery(entry, generation, report));
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            UndoInFlight(entry);
            if (DeliveryErrors.IsRetriable(ex.Error.Code, ex.Error.IsFatal))
            {
                _counters.Failed(ex.Error.Code.ToString());
                HandleRetriable(entry, ex.Error.Code, ex.Error.Reason);
            }
            else
            {
                Reject(entry, $"{ex.Error.Code}: {ex.Error.Reason}");
            }

            return false;
        }
        catch (KafkaException ex)
        {
            UndoInFlight(entry);
            if (!DeliveryErrors.IsRetriable(ex.Error.Code, ex.Error.IsFatal))
            {
                Reject(entry, $"{ex.Error.Code}: {ex.Error.Reason}");
                return false;
            }

            _counters.Failed(ex.Error.Code.ToString());
            HandleRetriable(entry, ex.Error.Code, ex.Error.Reason);
            if (ex.Error.IsFatal)
            {
                _fatal = true;
            }

            return false;
        }

        _counters.Sent();
        return true;
    }

    private void UndoInFlight(InFlightEvent entry)
    {
        entry.InFlight = false;
        _inFlightCount--;
        _inFlightBytes -= entry.Size;
    }

    private static byte[] PayloadArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();

    private static byte[] Cached(Dictionary<string, byte[]> cache, string text)
    {
        if (cache.TryGetValue(text, out byte[]? bytes))
        {
            return bytes;
        }

        bytes = Encoding.UTF8.GetBytes(text);
        if (cache.Count < HeaderCacheLimit)
        {
            cache[text] = bytes;
        }

        return bytes;
    }

    // Runs on Confluent.Kafka's poll thread.
    private void OnDelivery(InFlightEvent entry, int generation, DeliveryReport<byte[], byte[]> report)
    {
        try
        {
            Error error = report.Error;
            _reports.Writer.TryWrite(new DeliveryOutcome(entry, error.Code, error.IsFatal, error.Reason, Stopwatch.GetTimestamp(), generation));
            _signal.Set();
        }
#pragma warning disable CA1031 // nothing may escape into the client's poll loop
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Runs on Confluent.Kafka's poll thread.
    private void OnClientError(IProducer<byte[], byte[]> producer, Error error)
    {
        try
        {
            if (error.IsFatal)
            {
                _logger.LogError(SinkLogEvents.ClientError, "Kafka producer fatal error {Code}: {Reason}; it will be recreated",
                    error.Code, KafkaConfigRedactor.RedactText(error.Reason, _config));
                _fatal = true;
                _signal.Set();
                return;
            }

            if (error.Code == ErrorCode.Local_AllBrokersDown)
            {
                _brokersDown = true;
            }

            // Broker-away errors repeat on every reconnect attempt: log each code at most every 30 s.
            long now = Stopwatch.GetTimestamp();
            lock (_clientErrorLogged)
            {
                if (_clientErrorLogged.TryGetValue(error.Code, out long last) && Stopwatch.GetElapsedTime(last, now) < TimeSpan.FromSeconds(30))
                {
                    return;
                }

                _clientErrorLogged[error.Code] = now;
            }

            _logger.LogWarning(SinkLogEvents.ClientError, "Kafka client error {Code}: {Reason}",
                error.Code, KafkaConfigRedactor.RedactText(error.Reason, _config));
        }
#pragma warning disable CA1031 // nothing may escape into the client's poll loop
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Runs on Confluent.Kafka's poll thread.
    private void OnClientLog(IProducer<byte[], byte[]> producer, LogMessage message)
    {
        try
        {
            LogLevel level = message.Level switch
            {
                SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error or SyslogLevel.Warning => LogLevel.Warning,
                SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
                _ => LogLevel.Debug,
            };
            if (message.Facility == "CONFWARN" && message.Message.Contains("enable.gapless.guarantee", StringComparison.Ordinal))
            {
                level = LogLevel.Debug; // set on purpose (see BuildConfig): its "experimental" notice is no news to the user
            }

            if (_logger.IsEnabled(level))
            {
                _logger.Log(level, SinkLogEvents.ClientLog, "librdkafka {Facility}: {Message}",
                    message.Facility, KafkaConfigRedactor.RedactText(message.Message, _config));
            }
        }
#pragma warning disable CA1031 // nothing may escape into the client's poll loop
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

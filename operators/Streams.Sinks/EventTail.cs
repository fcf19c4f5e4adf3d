using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streams.Sinks;

/// <summary>
/// Reads events back from Kafka: a topic, a list of topics, or every topic under a prefix, filtered by event type and
/// stream. The consumer lives on a thread of its own, which closes and frees it when the enumeration ends, so the poll
/// loop always stops before its handle is freed. Used by <c>streams events</c> and by the tests.
/// </summary>
/// <remarks>
/// While nothing arrives the thread sleeps in the client's consume call, waking at most once a second to see a stop
/// and at each metadata refresh; a consume error pauses it before the next try, so no failure turns the loop into a
/// busy one. Whether the cluster answers is judged by metadata requests and the client's "all brokers down" error:
/// no answer within <see cref="EventTailOptions.ConnectTimeout"/> ends the tail with a <see cref="TimeoutException"/>,
/// and a later loss and return are reported to <see cref="EventTailOptions.Status"/>.
/// </remarks>
public static class EventTail
{
    private const int MaxConsumeWaitMs = 1000;
    private const int ConsumeErrorPauseMs = 500;
    private static readonly TimeSpan s_firstAnswerTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_metadataTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Yields events as they are read, until <paramref name="cancellationToken"/> fires or the enumeration is abandoned.
    /// A fatal consumer error ends the enumeration with a <see cref="KafkaException"/>; no answer from the cluster within
    /// <see cref="EventTailOptions.ConnectTimeout"/> ends it with a <see cref="TimeoutException"/>.
    /// </summary>
    public static async IAsyncEnumerable<TailedEvent> ReadAsync(EventTailOptions options, ILogger? logger = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        KafkaLibrary.EnsureLoaded();
        logger ??= NullLogger.Instance;
        var channel = Channel.CreateBounded<TailedEvent>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ConsumeLoop(options, logger, channel.Writer, stop.Token);
            }
            finally
            {
                ended.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "streams-event-tail",
        };
        thread.Start();
        try
        {
            await foreach (TailedEvent e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await ended.Task;
        }
    }

    private static void ConsumeLoop(EventTailOptions options, ILogger logger, ChannelWriter<TailedEvent> writer, CancellationToken stop)
    {
        Exception? failure = null;
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = options.BootstrapServers,
            ["group.id"] = options.GroupId ?? $"streams-tail-{Guid.NewGuid():N}",
            ["enable.auto.commit"] = "false",
            ["auto.offset.reset"] = options.FromBeginning ? "earliest" : "latest",
            ["enable.partition.eof"] = "false",
            ["allow.auto.create.topics"] = "false",
            // A tail is for watching: answer fetches fast rather than waiting to fill them.
            ["fetch.wait.max.ms"] = "100",
            // A prefix subscription finds new topics at each metadata refresh.
            ["topic.metadata.refresh.interval.ms"] = "5000",
        };
        foreach (KeyValuePair<string, string> kv in options.Settings)
        {
            config[kv.Key] = kv.Value;
        }

        IConsumer<byte[], byte[]>? consumer = null;
        IAdminClient? admin = null;
        var connection = new EventTailConnection(options, logger);
        try
        {
            consumer = new ConsumerBuilder<byte[], byte[]>(config)
                .SetErrorHandler((_, error) => OnError(logger, error, config, connection))
                .SetLogHandler((_, message) => OnLog(logger, message, config))
                .Build();
            logger.LogInformation(SinkLogEvents.TailStatus, "Reading {Topics} from {Bootstrap} ({Mode}); config: {Config}",
                options.TopicPrefix is { } p ? p + "*" : string.Join(',', options.Topics), options.BootstrapServers,
                options.UseConsumerGroup ? "consumer group " + config["group.id"] : "all partitions, no group", KafkaConfigRedactor.Format(config));

            var assigned = new HashSet<TopicPartition>();
            long started = Environment.TickCount64;
            long? giveUpAt = options.ConnectTimeout is { } timeout ? started + (long)timeout.TotalMilliseconds : null;
            long nextRefresh = 0;
            if (options.UseConsumerGroup)
            {
                if (options.TopicPrefix is { } prefix)
                {
                    consumer.Subscribe("^" + Regex.Escape(prefix) + ".*");
                }
                else
                {
                    consumer.Subscribe(options.Topics);
                }
            }

            // Metadata requests through the consumer's own connections: they assign partitions without a group, and
            // tell whether the cluster answers.
            admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            while (!stop.IsCancellationRequested)
            {
                long now = Environment.TickCount64;
                if (now >= nextRefresh && (!options.UseConsumerGroup || !connection.IsSettled))
                {
                    TimeSpan wait = connection.HasAnswered ? s_metadataTimeout : s_firstAnswerTimeout;
                    if (RequestMetadata(admin, wait, connection, logger) is { } metadata && !options.UseConsumerGroup)
                    {
                        AssignNewPartitions(consumer, metadata, options, assigned, logger);
                    }

                    now = Environment.TickCount64;
                    nextRefresh = now + (long)options.MetadataRefresh.TotalMilliseconds;
                }

                connection.ReportOutage();
                if (!connection.HasAnswered && giveUpAt is { } limit && now >= limit)
                {
                    throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                        $"No Kafka broker at {options.BootstrapServers} answered within {options.ConnectTimeout!.Value.TotalSeconds:0.###} s ({KafkaConfigRedactor.RedactText(connection.LastError ?? "no answer", config)})."));
                }

                long until = Math.Min(nextRefresh, giveUpAt is { } l && !connection.HasAnswered ? l : long.MaxValue);
                int consumeWait = (int)Math.Clamp(until - now, 1, MaxConsumeWaitMs);
                ConsumeResult<byte[], byte[]>? result;
                try
                {
                    result = consumer.Consume(consumeWait);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    // A failing consume can fail at once, every time: pause so the loop never spins on it.
                    logger.LogDebug(SinkLogEvents.TailStatus, "Consume: {Reason}", ex.Error.Reason);
                    stop.WaitHandle.WaitOne(ConsumeErrorPauseMs);
                    continue;
                }

                if (result?.Message is not { } message)
                {
                    continue;
                }

                TailedEvent tailed = ToEvent(result, message);
                if ((options.EventTypes is { } types && (tailed.EventType is null || !types.Contains(tailed.EventType)))
                    || (options.StreamIds is { } streams && (tailed.StreamId is null || !streams.Contains(tailed.StreamId))))
                {
                    continue;
                }

                while (!writer.TryWrite(tailed))
                {
                    if (!writer.WaitToWriteAsync(stop).AsTask().GetAwaiter().GetResult())
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the enumeration ended
        }
#pragma warning disable CA1031 // the failure ends the enumeration, where the caller sees it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            admin?.Dispose();
            if (consumer is not null)
            {
                try
                {
                    consumer.Close();
                }
                catch (KafkaException)
                {
                    // leaving a group fails when the broker is gone; the handle is freed all the same
                }

                consumer.Dispose();
            }

            writer.TryComplete(failure);
        }
    }

    private static Metadata? RequestMetadata(IAdminClient admin, TimeSpan timeout, EventTailConnection connection, ILogger logger)
    {
        try
        {
            Metadata metadata = admin.GetMetadata(timeout);
            connection.Answered();
            return metadata;
        }
        catch (KafkaException ex)
        {
            logger.LogDebug(SinkLogEvents.TailStatus, "Metadata: {Reason}", ex.Error.Reason);
            connection.Failed(ex.Error.Reason);
            return null;
        }
    }

    private static void AssignNewPartitions(IConsumer<byte[], byte[]> consumer, Metadata metadata, EventTailOptions options,
        HashSet<TopicPartition> assigned, ILogger logger)
    {
        bool firstPass = assigned.Count == 0;
        var added = new List<TopicPartitionOffset>();
        foreach (TopicMetadata topic in metadata.Topics)
        {
            bool wanted = options.TopicPrefix is { } prefix
                ? topic.Topic.StartsWith(prefix, StringComparison.Ordinal)
                : options.Topics.Contains(topic.Topic);
            if (!wanted || topic.Error.IsError)
            {
                continue;
            }

            foreach (PartitionMetadata partition in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Topic, partition.PartitionId);
                if (assigned.Add(tp))
                {
                    // Partitions that appear later are new: all of them is news, even when tailing from the end.
                    Offset start = options.FromBeginning || !firstPass ? Offset.Beginning : Offset.End;
                    added.Add(new TopicPartitionOffset(tp, start));
                }
            }
        }

        if (added.Count > 0)
        {
            consumer.IncrementalAssign(added);
            logger.LogDebug(SinkLogEvents.TailStatus, "Assigned {Count} partitions", added.Count);
        }
    }

    private static TailedEvent ToEvent(ConsumeResult<byte[], byte[]> result, Message<byte[], byte[]> message)
    {
        Headers? headers = message.Headers;
        return new TailedEvent(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            message.Timestamp.UtcDateTime,
            message.Key is { } key ? Encoding.UTF8.GetString(key) : null,
            Header(headers, "event-id"),
            Header(headers, "event-type"),
            Header(headers, "schema-version"),
            Header(headers, "content-type"),
            message.Value ?? []);
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;

    private static void OnError(ILogger logger, Error error, IEnumerable<KeyValuePair<string, string>> config, EventTailConnection connection)
    {
        try
        {
            if (error.Code == ErrorCode.Local_AllBrokersDown)
            {
                connection.AllBrokersDown(KafkaConfigRedactor.RedactText(error.Reason, config));
            }

            logger.LogWarning(SinkLogEvents.TailStatus, "Kafka consumer error {Code}: {Reason}", error.Code, KafkaConfigRedactor.RedactText(error.Reason, config));
        }
#pragma warning disable CA1031 // nothing may escape into the client's poll loop
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void OnLog(ILogger logger, LogMessage message, IEnumerable<KeyValuePair<string, string>> config)
    {
        try
        {
            LogLevel level = message.Level <= SyslogLevel.Warning ? LogLevel.Warning : LogLevel.Debug;
            if (logger.IsEnabled(level))
            {
                logger.Log(level, SinkLogEvents.ClientLog, "librdkafka {Facility}: {Message}", message.Facility, KafkaConfigRedactor.RedactText(message.Message, config));
            }
        }
#pragma warning disable CA1031 // nothing may escape into the client's poll loop
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

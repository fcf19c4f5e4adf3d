using Streams.Options;
using System.Text.RegularExpressions;

namespace Streams.Configuration;

/// <summary>A <c>type: kafka</c> sink: events produced to a Kafka topic.</summary>
[ConfigSubtype("kafka")]
public sealed partial record KafkaSinkOptions : SinkOptions, IValidatableOptions
{
    /// <summary><c>bootstrap</c>: comma-separated <c>host:port</c> brokers, or <c>embedded</c> for the in-process broker.
    /// Default <c>embedded</c>.</summary>
    public string Bootstrap { get; init; } = "embedded";

    /// <summary><c>topic</c>: the topic name (1-249 letters, digits, '.', '_' or '-'); with
    /// <see cref="TopicPerEventType"/>, the prefix of one topic per event type. Default <c>streams.events</c>.</summary>
    public string Topic { get; init; } = "streams.events";

    /// <summary><c>topic_per_event_type</c>: produce each event type to <c>{topic}.{event_type}</c>. Default false.</summary>
    public bool TopicPerEventType { get; init; }

    /// <summary><c>settings</c>: librdkafka producer settings passed through as written (<c>linger.ms</c>,
    /// <c>sasl.password</c>, ...); values may be secrets. Default empty.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary><c>spool</c>: a directory (resolved against the pipeline file's) where events wait on disk while the
    /// broker is unreachable, replayed in order when it is back and after a restart. Default null: no spool; events
    /// wait in memory and the pipeline slows down when that bound is reached.</summary>
    [ConfigPath]
    public string? Spool { get; init; }

    /// <summary><c>spool_max_bytes</c>: the spool's disk bound; beyond it events are dropped and counted, at least 1 MiB.
    /// Default 1 GiB.</summary>
    public long SpoolMaxBytes { get; init; } = 1L << 30;

    /// <summary><c>spool_mode</c>: <c>on_failure</c> spools only once the broker falls behind; <c>always</c> writes every
    /// event to the spool before taking the next (write-ahead), so a killed process loses none it took, at a throughput
    /// cost. Needs <see cref="Spool"/>. Default <c>on_failure</c>.</summary>
    public SpoolMode SpoolMode { get; init; } = SpoolMode.OnFailure;

    /// <summary><c>spool_fsync</c>: when spool writes are forced to disk: <c>always</c> (every batch), <c>interval</c>
    /// (every second) or <c>never</c> (left to the OS). Only a power cut can lose what was not synced. Default
    /// <c>interval</c>.</summary>
    public SpoolFsync SpoolFsync { get; init; } = SpoolFsync.Interval;

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.NotEmpty(nameof(Bootstrap), Bootstrap);
        context.AtLeast(nameof(SpoolMaxBytes), SpoolMaxBytes, 1L << 20);
        if (SpoolMode == SpoolMode.Always && Spool is null)
        {
            context.Error(nameof(SpoolMode), "spool_mode 'always' needs a spool directory: set 'spool'");
        }
        if (Topic is "." or ".." || !TopicPattern().IsMatch(Topic))
        {
            context.Error(nameof(Topic),
                $"invalid Kafka topic {context.Quote(nameof(Topic), Topic)}; use 1-249 letters, digits, '.', '_' or '-', and not '.' or '..'");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex TopicPattern();
}

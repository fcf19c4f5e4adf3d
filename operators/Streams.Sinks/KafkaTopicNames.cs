namespace Streams.Sinks;

/// <summary>
/// Kafka topic naming. A legal topic has 1 to 249 characters from <c>[a-zA-Z0-9._-]</c> and is not <c>.</c> or <c>..</c>.
/// Per-type topics are <c>{prefix}.{type}</c>: the type is lower-cased, '.' stays the hierarchy separator, and every
/// other character outside <c>[a-z0-9.-]</c> (underscore included) becomes '-'. Underscores are never produced because
/// Kafka warns that '.' and '_' collide in its metric names.
/// </summary>
public static class KafkaTopicNames
{
    /// <summary>Kafka's longest topic name.</summary>
    public const int MaxLength = 249;

    /// <summary>The topic of an event type under a prefix: <c>streams.events</c> + <c>Line.Cross</c> = <c>streams.events.line.cross</c>.</summary>
    public static string ForEventType(string prefix, string eventType)
    {
        Validate(prefix);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        var name = new System.Text.StringBuilder(prefix.Length + 1 + eventType.Length);
        name.Append(prefix).Append('.');
        bool lastWasDot = true;
        foreach (char c in eventType)
        {
            char mapped = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A'))
                : c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' ? c
                : '-';
            if (mapped == '.' && lastWasDot)
            {
                continue; // no empty segments: "a..b" and a leading '.' collapse
            }

            name.Append(mapped);
            lastWasDot = mapped == '.';
        }

        while (name.Length > 0 && name[^1] == '.')
        {
            name.Length--;
        }

        string topic = name.ToString();
        if (topic.Length <= prefix.Length + 1)
        {
            throw new ArgumentException($"Event type '{eventType}' leaves nothing of a topic name.", nameof(eventType));
        }

        Validate(topic);
        return topic;
    }

    /// <summary>Whether <paramref name="topic"/> is a legal Kafka topic name.</summary>
    public static bool IsLegal(string? topic) =>
        topic is { Length: > 0 and <= MaxLength } and not ("." or "..")
        && topic.All(static c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-');

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="topic"/> is a legal Kafka topic name.</summary>
    public static void Validate(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic.Length > MaxLength)
        {
            throw new ArgumentException($"Topic '{topic[..40]}...' is longer than {MaxLength} characters.", nameof(topic));
        }

        if (topic is "." or "..")
        {
            throw new ArgumentException($"'{topic}' is not a legal topic name.", nameof(topic));
        }

        foreach (char c in topic)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                throw new ArgumentException($"Topic '{topic}' has '{c}'; legal characters are a-z, A-Z, 0-9, '.', '_' and '-'.", nameof(topic));
            }
        }
    }
}

using System.Text;

namespace Streams.Sinks;

/// <summary>
/// Keeps Kafka secrets out of logs. A setting is secret when its name mentions a password, secret, token, credential,
/// private key or JAAS/OAuth configuration (<c>sasl.password</c>, <c>ssl.key.password</c>, <c>ssl.keystore.password</c>,
/// <c>ssl.key.pem</c>, <c>sasl.jaas.config</c>, <c>sasl.oauthbearer.client.secret</c>, ...).
/// </summary>
public static class KafkaConfigRedactor
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Mask = "[redacted]";

    private static readonly string[] s_secretMarkers =
    [
        "password", "secret", "token", "credential", "jaas", "oauthbearer.config", "key.pem", "private", "user.info",
    ];

    /// <summary>True when the setting's value must never be logged.</summary>
    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (string marker in s_secretMarkers)
        {
            if (key.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The settings with every secret value replaced by <see cref="Mask"/>, in key order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Redact(IEnumerable<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> kv in settings)
        {
            result.Add(new(kv.Key, IsSecret(kv.Key) ? Mask : kv.Value));
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    /// <summary>One line <c>key=value, key=value</c> fit for a log, secrets masked.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var line = new StringBuilder();
        foreach (KeyValuePair<string, string> kv in Redact(settings))
        {
            if (line.Length > 0)
            {
                line.Append(", ");
            }

            line.Append(kv.Key).Append('=').Append(kv.Value);
        }

        return line.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> (an error message, say) with every secret value of <paramref name="settings"/> masked:
    /// librdkafka quotes an invalid value back in its errors.
    /// </summary>
    public static string RedactText(string text, IEnumerable<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (KeyValuePair<string, string> kv in settings)
        {
            if (IsSecret(kv.Key) && !string.IsNullOrEmpty(kv.Value))
            {
                text = text.Replace(kv.Value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}

using System.Globalization;
using System.Text;

namespace Streams.Hosting.Metrics;

/// <summary>Turns OpenTelemetry-style instrument names and tags into valid Prometheus names and escaped values.</summary>
public static class PrometheusNames
{
    /// <summary>
    /// <c>streams.stage.latency</c> in <c>ms</c> becomes <c>streams_stage_latency_seconds</c>: names carry Prometheus'
    /// base unit, and values are divided by <see cref="UnitDivisor"/> on the way out.
    /// </summary>
    public static string Metric(string instrument, string? unit)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        string name = Sanitize(instrument);
        string? suffix = unit switch
        {
            "ms" or "us" or "ns" or "s" => "seconds",
            "By" => "bytes",
            _ => null,
        };
        return suffix is null || name.EndsWith(suffix, StringComparison.Ordinal) ? name : name + "_" + suffix;
    }

    /// <summary>What a value in <paramref name="unit"/> is divided by to be in Prometheus' base unit: 1000 for <c>ms</c>.</summary>
    public static double UnitDivisor(string? unit) => unit switch
    {
        "ms" => 1e3,
        "us" => 1e6,
        "ns" => 1e9,
        _ => 1,
    };

    /// <summary>A label name: letters, digits and underscores, not starting with a digit.</summary>
    public static string Label(string key) => Sanitize(key);

    /// <summary>Escapes a label value: backslash, double quote and newline.</summary>
    public static string EscapeLabel(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Escapes HELP text: backslash and newline.</summary>
    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value as Prometheus writes it.</summary>
    public static string Value(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN"
            : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}

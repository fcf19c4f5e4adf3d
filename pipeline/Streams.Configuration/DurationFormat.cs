using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.Configuration;

/// <summary>
/// The one way Streams writes durations, in pipeline files and on the command line alike: <c>250ms</c>, <c>10s</c>,
/// <c>2m</c>, <c>1h</c>, <c>1.5s</c>, or a bare number of seconds.
/// </summary>
public static partial class DurationFormat
{
    /// <summary>What to write instead, for error messages about text that does not parse.</summary>
    public const string Hint = "write a number with a unit: 250ms, 10s, 2m, 1h (a bare number is seconds)";

    /// <summary>Reads <paramref name="text"/>; surrounding white space and a space before the unit are allowed.</summary>
    /// <returns>False when it is not a duration in this format, or too long for a <see cref="TimeSpan"/>.</returns>
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
        {
            return false;
        }

        long unit = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.TicksPerMillisecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => TimeSpan.TicksPerSecond,
        };

        // Far beyond any sensible duration: keeps the multiplication inside decimal and the result inside TimeSpan.
        const decimal maxTicks = long.MaxValue;
        if (number > maxTicks / unit)
        {
            return false;
        }

        long ticks = (long)decimal.Round(number * unit);
        value = TimeSpan.FromTicks(match.Groups["sign"].Success ? -ticks : ticks);
        return true;
    }

    /// <summary>The shortest exact form: <c>10s</c>, <c>1m</c>, <c>250ms</c>, <c>1.5s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        string sign = value < TimeSpan.Zero ? "-" : "";
        long ticks = Math.Abs(value.Ticks);
        var invariant = CultureInfo.InvariantCulture;
        if (ticks % TimeSpan.TicksPerHour == 0)
        {
            return sign + (ticks / TimeSpan.TicksPerHour).ToString(invariant) + "h";
        }

        if (ticks % TimeSpan.TicksPerMinute == 0)
        {
            return sign + (ticks / TimeSpan.TicksPerMinute).ToString(invariant) + "m";
        }

        if (ticks >= TimeSpan.TicksPerSecond || ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            return sign + ((decimal)ticks / TimeSpan.TicksPerSecond).ToString("0.#######", invariant) + "s";
        }

        return sign + (ticks / TimeSpan.TicksPerMillisecond).ToString(invariant) + "ms";
    }

    [GeneratedRegex(@"^(?<sign>-)?(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>ms|s|m|h)?$")]
    private static partial Regex Pattern();
}

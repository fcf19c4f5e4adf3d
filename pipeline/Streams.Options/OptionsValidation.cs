using System.Globalization;

namespace Streams.Options;

/// <summary>
/// What one options record's <see cref="IValidatableOptions.Validate"/> reports into: errors against its own
/// properties by name, or against another record's for rules that span records. How an error is placed and how a
/// value is shown is the implementation's: a pipeline file's places each at the value's line and column and never
/// shows a value that came from a variable; <see cref="OptionsValidator"/> names the property.
/// </summary>
public abstract class OptionsValidation
{
    /// <summary>Starts the rules of <paramref name="target"/>.</summary>
    protected OptionsValidation(object target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The record being validated.</summary>
    protected object Target { get; }

    /// <summary>An error against a property of the record being validated.</summary>
    public void Error(string property, string message) => Error(Target, property, message);

    /// <summary>An error against a property of another record, for rules that span records.</summary>
    public abstract void Error(object target, string property, string message);

    /// <summary>An error against item <paramref name="index"/> of a list property.</summary>
    public abstract void ItemError(string property, int index, string message);

    /// <summary>Whether the property failed to bind (it was reported then); rules comparing it with another check this.</summary>
    public virtual bool IsFailed(string property) => false;

    /// <summary>The line the property's value is on, when it came from a file.</summary>
    public virtual int? LineOf(object target, string property) => null;

    /// <summary>Whether the property's value came through variable substitution, and so must not be shown.</summary>
    public virtual bool IsSubstituted(object target, string property) => false;

    /// <summary><paramref name="text"/> in quotes, as a message may show the property's value.</summary>
    public virtual string Quote(object target, string property, string text) => "'" + text + "'";

    /// <summary><see cref="Quote(object, string, string)"/> for a property of the record being validated.</summary>
    public string Quote(string property, string text) => Quote(Target, property, text);

    /// <summary>Like <see cref="Quote(object, string, string)"/> without the quotes, for numbers and durations.</summary>
    public virtual string Show(object target, string property, object value) => Format(value);

    /// <summary><see cref="Show(object, string, object)"/> for a property of the record being validated.</summary>
    public string Show(string property, object value) => Show(Target, property, value);

    /// <summary>Like <see cref="Show(string, object)"/> for item <paramref name="index"/> of a list property.</summary>
    public virtual string ShowItem(string property, int index, string text) => text;

    /// <summary>An error unless <paramref name="min"/> ≤ <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public void InRange<T>(string property, T value, T min, T max) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            Error(property, $"must be between {Format(min)} and {Format(max)}, got {Show(property, value)}");
        }
    }

    /// <summary>An error unless <paramref name="value"/> ≥ <paramref name="min"/>.</summary>
    public void AtLeast<T>(string property, T value, T min) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0)
        {
            Error(property, $"must be at least {Format(min)}, got {Show(property, value)}");
        }
    }

    /// <summary>An error unless <paramref name="value"/> is greater than zero.</summary>
    public void Positive<T>(string property, T value) where T : IComparable<T>
    {
        if (value.CompareTo(default!) <= 0)
        {
            Error(property, $"must be greater than {Format(default(T)!)}, got {Show(property, value)}");
        }
    }

    /// <summary>An error when <paramref name="value"/> is null, empty or white space.</summary>
    public void NotEmpty(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(property, "must not be empty");
        }
    }

    /// <summary>A value as a message shows it: invariant culture, round-trip doubles, durations as the implementation writes them.</summary>
    public string Format(object value) => value switch
    {
        TimeSpan duration => FormatDuration(duration),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>How a duration is written; a pipeline file's validation writes it as the file would (<c>1.5s</c>).</summary>
    protected virtual string FormatDuration(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);
}

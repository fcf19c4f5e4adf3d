namespace Streams.Sinks;

/// <summary>How <see cref="EventFormatter"/> prints an event.</summary>
public enum EventFormat
{
    /// <summary>Indented JSON, for people.</summary>
    Pretty,

    /// <summary>One compact JSON object per line, for tools.</summary>
    JsonLines,
}

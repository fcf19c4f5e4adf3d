namespace Streams.Configuration;

/// <summary>How log lines are written (<c>logging.format</c>).</summary>
public enum LogFormat
{
    /// <summary>One human-readable line per event (the default).</summary>
    Text,

    /// <summary>One JSON object per line, for log collectors.</summary>
    Json,
}

using System.Text.Json.Serialization;

namespace Streams.Analytics;

/// <summary>Why a track ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObjectEndReason>))]
public enum ObjectEndReason
{
    /// <summary>Not seen for the track timeout.</summary>
    Lost,

    /// <summary>Its stream ended.</summary>
    EndOfStream,
}

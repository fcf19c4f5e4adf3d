using System.Text.Json.Serialization;
using Streams.Runtime;

namespace Streams.Hosting.Http;

/// <summary>One stream as the API shows it (the URI is redacted).</summary>
public sealed record StreamView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("frames_in")] long FramesIn,
    [property: JsonPropertyName("frames_done")] long FramesDone,
    [property: JsonPropertyName("frames_dropped")] long FramesDropped,
    [property: JsonPropertyName("decode_errors")] long DecodeErrors,
    [property: JsonPropertyName("reconnects")] long Reconnects)
{
    /// <summary>The view of <paramref name="stream"/> now.</summary>
    public static StreamView Of(StreamContext stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new(stream.Id, stream.DisplayUri, stream.State.ToString().ToLowerInvariant(), stream.Reason,
            stream.FramesProduced, stream.FramesCompleted, stream.TotalDropped, stream.DecodeErrors, stream.Reconnects);
    }
}

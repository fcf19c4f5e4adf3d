using System.Globalization;

namespace Streams.Snapshots;

/// <summary>Where a track's snapshot lives: <c>&lt;stream id&gt;/&lt;track id&gt;.jpg</c>, the stream id made safe as a file name.</summary>
public static class SnapshotPaths
{
    /// <summary>The snapshot's path relative to the snapshot directory, '/'-separated (as events carry it).</summary>
    public static string Relative(string streamId, long trackId) =>
        string.Create(CultureInfo.InvariantCulture, $"{SafeName(streamId)}/{trackId}.jpg");

    /// <summary>
    /// <paramref name="streamId"/> with every character but ASCII letters, digits, '-', '_' and '.' replaced by '_', so
    /// an id like <c>rtsp://cam/1</c> cannot name another directory; "", "." and ".." get a leading '_'.
    /// </summary>
    public static string SafeName(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        string safe = string.Create(streamId.Length, streamId, static (chars, id) =>
        {
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                chars[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_';
            }
        });
        return safe is "" or "." or ".." ? "_" + safe : safe;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Streams.Analytics;

/// <summary>
/// Event ids: <c>"{stream}:{track}:{rule}:{n}"</c>, where rule is the event type, followed by <c>/{zone or line id}</c>
/// for zone and line events, and n counts that rule's occurrences for the track from 1 (object.new and object.end
/// are 1; object.update counts updates; zone events count visits, so a visit's enter, loiter and exit share n;
/// line.cross counts the track's crossings of that line). Counts events use track 0 and count reports. A replay of
/// the same frames gives the same ids, so consumers can deduplicate; <see cref="ToUuid(string)"/> gives a UUIDv5 of
/// an id for systems that want UUIDs.
/// </summary>
public static class EventIds
{
    /// <summary>The UUIDv5 namespace of Streams event ids (a fixed random UUID).</summary>
    public static readonly Guid Namespace = new("3d5f8e52-8c0a-4b6e-9a41-6f2f0c7d9b13");

    /// <summary>Formats an id.</summary>
    public static string Format(string streamId, long trackId, string rule, long occurrence) =>
        string.Create(CultureInfo.InvariantCulture, $"{streamId}:{trackId}:{rule}:{occurrence}");

    /// <summary>Formats an id of a zone or line rule: <c>"{stream}:{track}:{type}/{ruleId}:{n}"</c>.</summary>
    public static string Format(string streamId, long trackId, string type, string ruleId, long occurrence) =>
        string.Create(CultureInfo.InvariantCulture, $"{streamId}:{trackId}:{type}/{ruleId}:{occurrence}");

    /// <summary>The UUIDv5 (RFC 9562, SHA-1) of <paramref name="eventId"/> in <see cref="Namespace"/>.</summary>
    public static Guid ToUuid(string eventId) => ToUuid(eventId, Namespace);

    /// <summary>The UUIDv5 (RFC 9562, SHA-1) of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "UUIDv5 is defined on SHA-1; it names, it does not protect.")]
    public static Guid ToUuid(string name, Guid namespaceId)
    {
        ArgumentNullException.ThrowIfNull(name);
        int nameLength = Encoding.UTF8.GetByteCount(name);
        byte[] input = new byte[16 + nameLength];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);

        // Version 5 in the high nibble of byte 6; the RFC variant (10xx) in the high bits of byte 8.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

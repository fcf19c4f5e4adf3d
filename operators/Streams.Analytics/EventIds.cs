using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Streams.Analytics;

/// <summary>
/// Event ids: <c>"{stream}:{epoch}:{track}:{rule}:{n}"</c>. The epoch names one run of the stream (see
/// <see cref="NextEpoch()"/>); rule is the event type, followed by <c>/{zone or line id}</c> for zone and line events;
/// n counts that rule's occurrences for the track from 1 (object.new and object.end are 1; object.update counts
/// updates; zone events count visits, so a visit's enter, loiter and exit share n; line.cross counts the track's
/// crossings of that line). Counts events use track 0 and count reports.
/// </summary>
/// <remarks>
/// <para>An id is fixed when the event is made, so every copy of the event (a Kafka retry, a spooled event sent again
/// after a restart) carries the same id and consumers can deduplicate on it; a new occurrence never reuses one,
/// because track numbers and occurrence counts only restart with a new run of the stream, and a new run has a new
/// epoch. That includes a stream removed and added again in the same process: its tracks restart at 1 too.</para>
/// <para>Stream ids never contain <c>':'</c> (the configuration's id rule), the epoch and track are decimal and n is
/// last, so an id splits on its first three colons and its last one, whatever a zone or line id contains.
/// <see cref="ToUuid(string)"/> gives a UUIDv5 of an id for systems that want UUIDs.</para>
/// </remarks>
public static class EventIds
{
    private static long s_lastEpoch;

    /// <summary>The UUIDv5 namespace of Streams event ids (a fixed random UUID).</summary>
    public static readonly Guid Namespace = new("3d5f8e52-8c0a-4b6e-9a41-6f2f0c7d9b13");

    /// <summary>
    /// A new run epoch: the current time in Unix microseconds whose last three digits are random rather than
    /// measured, and always greater than the last epoch this process gave.
    /// </summary>
    /// <remarks>
    /// <para>The time makes a restart's epoch greater than every earlier run's as long as the clock moves forward, and
    /// lets a reader see when a run started (epoch / 1000 is Unix milliseconds). Within the process the epoch is made
    /// strictly increasing, so two streams started in the same microsecond, or a clock stepped back while the process
    /// runs, still get distinct epochs.</para>
    /// <para>Between processes only the clock separates runs, and a clock can go back: a device without a
    /// battery-backed clock boots at the same time every time, or at the time it saved at its last shutdown, and
    /// starts the pipeline at nearly the same moment after boot. A pure millisecond clock would then give two runs of
    /// a stream the same epoch after a few dozen reboots, and a consumer deduplicating by id would drop real events.
    /// The random thousandths make such a collision need the same millisecond and the same draw of 1000; a fully
    /// random epoch would remove the clock's part too, but would lose the order of runs and the start time that the
    /// id now tells. A long holds such epochs for 290,000 years.</para>
    /// </remarks>
    public static long NextEpoch() => NextEpoch(DateTimeOffset.UtcNow);

    /// <summary>A new run epoch for the time <paramref name="now"/>; see <see cref="NextEpoch()"/>.</summary>
    public static long NextEpoch(DateTimeOffset now)
    {
        long candidate = (now.ToUnixTimeMilliseconds() * 1000) + RandomNumberGenerator.GetInt32(1000);
        while (true)
        {
            long last = Volatile.Read(ref s_lastEpoch);
            long next = candidate > last ? candidate : last + 1;
            if (Interlocked.CompareExchange(ref s_lastEpoch, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Formats an id.</summary>
    public static string Format(string streamId, long epoch, long trackId, string rule, long occurrence) =>
        string.Create(CultureInfo.InvariantCulture, $"{streamId}:{epoch}:{trackId}:{rule}:{occurrence}");

    /// <summary>Formats an id of a zone or line rule: <c>"{stream}:{epoch}:{track}:{type}/{ruleId}:{n}"</c>.</summary>
    public static string Format(string streamId, long epoch, long trackId, string type, string ruleId, long occurrence) =>
        string.Create(CultureInfo.InvariantCulture, $"{streamId}:{epoch}:{trackId}:{type}/{ruleId}:{occurrence}");

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

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Streams.Sinks.Internal;

/// <summary>
/// The spool's on-disk format. A segment is a 16-byte header (<c>"STRMSPL1"</c>, format version u32, reserved u32) and
/// records. A record is a 12-byte frame, <c>magic u32 | body length u32 | CRC32C(length bytes, body) u32</c>, then the
/// body: <c>version u8 | unix ms i64 | offset minutes i16 | event id | type | stream id | schema version</c> (each
/// <c>u16 length + UTF-8</c>) <c>| payload (u32 length + bytes)</c>. All integers little-endian. The magic lets a
/// reader find the next record after a corrupt one.
/// </summary>
internal static class SpoolFormat
{
    public const int SegmentHeaderSize = 16;
    public const int FrameSize = 12;
    public const uint RecordMagic = 0x43455253; // "SREC"
    public const byte BodyVersion = 1;

    /// <summary>Largest body a reader accepts: far above any Kafka message, small enough that a corrupt length is caught.</summary>
    public const int MaxBodySize = 64 << 20;

    private const int MinBodySize = 1 + 8 + 2 + (4 * 2) + 4;
    private static ReadOnlySpan<byte> SegmentMagic => "STRMSPL1"u8;
    private const uint SegmentVersion = 1;

    public static void WriteSegmentHeader(Span<byte> destination)
    {
        SegmentMagic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], SegmentVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], 0);
    }

    public static bool IsValidSegmentHeader(ReadOnlySpan<byte> header) =>
        header.Length >= SegmentHeaderSize && header[..8].SequenceEqual(SegmentMagic)
        && BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) == SegmentVersion;

    /// <summary>Bytes the framed record of <paramref name="e"/> takes.</summary>
    public static int RecordSize(OutgoingEvent e) =>
        FrameSize + MinBodySize + Encoding.UTF8.GetByteCount(e.EventId) + Encoding.UTF8.GetByteCount(e.EventType)
        + Encoding.UTF8.GetByteCount(e.StreamId) + Encoding.UTF8.GetByteCount(e.SchemaVersion) + e.Payload.Length;

    /// <summary>Writes the framed record into <paramref name="destination"/> (exactly <see cref="RecordSize"/> bytes).</summary>
    public static int WriteRecord(OutgoingEvent e, Span<byte> destination)
    {
        Span<byte> body = destination[FrameSize..];
        int p = 0;
        body[p++] = BodyVersion;
        BinaryPrimitives.WriteInt64LittleEndian(body[p..], e.Timestamp.ToUnixTimeMilliseconds());
        p += 8;
        BinaryPrimitives.WriteInt16LittleEndian(body[p..], (short)e.Timestamp.Offset.TotalMinutes);
        p += 2;
        p += WriteString(e.EventId, body[p..]);
        p += WriteString(e.EventType, body[p..]);
        p += WriteString(e.StreamId, body[p..]);
        p += WriteString(e.SchemaVersion, body[p..]);
        BinaryPrimitives.WriteInt32LittleEndian(body[p..], e.Payload.Length);
        p += 4;
        e.Payload.Span.CopyTo(body[p..]);
        p += e.Payload.Length;

        BinaryPrimitives.WriteUInt32LittleEndian(destination, RecordMagic);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], p);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Checksum(destination.Slice(4, 4), body[..p]));
        return FrameSize + p;
    }

    public static uint Checksum(ReadOnlySpan<byte> lengthBytes, ReadOnlySpan<byte> body) =>
        Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, lengthBytes), body));

    /// <summary>Decodes a record body (already checked) into an event; the payload is copied.</summary>
    public static bool TryReadBody(ReadOnlySpan<byte> body, [NotNullWhen(true)] out OutgoingEvent? result)
    {
        result = null;
        try
        {
            if (body.Length < MinBodySize || body[0] != BodyVersion)
            {
                return false;
            }

            int p = 1;
            long unixMs = BinaryPrimitives.ReadInt64LittleEndian(body[p..]);
            p += 8;
            short offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(body[p..]);
            p += 2;
            if (!TryReadString(body, ref p, out string? id) || !TryReadString(body, ref p, out string? type)
                || !TryReadString(body, ref p, out string? stream) || !TryReadString(body, ref p, out string? schema)
                || body.Length - p < 4)
            {
                return false;
            }

            int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(body[p..]);
            p += 4;
            if (payloadLength <= 0 || payloadLength != body.Length - p || id.Length == 0 || type.Length == 0 || stream.Length == 0)
            {
                return false;
            }

            var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
            result = new OutgoingEvent(id, type, stream, body[p..].ToArray(), schema, timestamp);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // an out-of-range timestamp or offset: corrupt in a way the CRC happened not to catch
        }
    }

    /// <summary>
    /// Reads one framed record at <paramref name="offset"/>: <see cref="FrameCheck.Ok"/> with the record's total size,
    /// or why it is not a record there.
    /// </summary>
    public static FrameCheck CheckFrame(ReadOnlySpan<byte> file, long offset, out int recordSize)
    {
        recordSize = 0;
        ReadOnlySpan<byte> rest = file[(int)offset..];
        if (rest.Length < FrameSize)
        {
            return FrameCheck.Truncated;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(rest) != RecordMagic)
        {
            return FrameCheck.BadMagic;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(rest[4..]);
        if (length < MinBodySize || length > MaxBodySize)
        {
            return FrameCheck.BadLength;
        }

        if (rest.Length - FrameSize < length)
        {
            return FrameCheck.Truncated;
        }

        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]);
        if (Checksum(rest.Slice(4, 4), rest.Slice(FrameSize, length)) != expected)
        {
            return FrameCheck.BadChecksum;
        }

        recordSize = FrameSize + length;
        return FrameCheck.Ok;
    }

    private static int WriteString(string value, Span<byte> destination)
    {
        int n = Encoding.UTF8.GetBytes(value, destination[2..]);
        if (n > ushort.MaxValue)
        {
            throw new ArgumentException($"A text field of an event is longer than {ushort.MaxValue} bytes.");
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)n);
        return 2 + n;
    }

    private static bool TryReadString(ReadOnlySpan<byte> body, ref int p, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (body.Length - p < 2)
        {
            return false;
        }

        int n = BinaryPrimitives.ReadUInt16LittleEndian(body[p..]);
        p += 2;
        if (body.Length - p < n)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(body.Slice(p, n));
        p += n;
        return true;
    }
}

/// <summary>What <see cref="SpoolFormat.CheckFrame"/> found.</summary>
internal enum FrameCheck
{
    Ok,
    Truncated,
    BadMagic,
    BadLength,
    BadChecksum,
}

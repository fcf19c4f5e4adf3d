using System.Buffers.Binary;
using System.Numerics;

namespace Streams.Sinks.Internal;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of the spool's records. BitOperations.Crc32C uses the SSE4.2/ARMv8 instruction where
/// there is one and a table otherwise; check value of "123456789" is 0xE3069283.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The initial register value.</summary>
    public const uint Start = 0xFFFFFFFFu;

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }

    public static uint Finish(uint crc) => ~crc;
}

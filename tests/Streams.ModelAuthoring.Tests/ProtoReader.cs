using Google.Protobuf;

namespace Streams.ModelAuthoring.Tests;

/// <summary>One decoded protobuf field: its number, wire type and raw value.</summary>
internal sealed record ProtoField(int Number, WireFormat.WireType WireType, ulong Varint, uint Fixed32, ByteString Bytes)
{
    public long Int64 => unchecked((long)Varint);

    public float Float => BitConverter.UInt32BitsToSingle(Fixed32);

    public string Text => Bytes.ToStringUtf8();

    /// <summary>This field's bytes decoded as a nested message.</summary>
    public IReadOnlyList<ProtoField> Message => ProtoReader.Read(Bytes.Span);
}

/// <summary>A schema-less protobuf decoder on Google.Protobuf's <see cref="CodedInputStream"/>, for checking field numbers.</summary>
internal static class ProtoReader
{
    public static IReadOnlyList<ProtoField> Read(ReadOnlySpan<byte> bytes)
    {
        List<ProtoField> fields = [];
        CodedInputStream input = new(bytes.ToArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            int number = WireFormat.GetTagFieldNumber(tag);
            WireFormat.WireType type = WireFormat.GetTagWireType(tag);
            fields.Add(type switch
            {
                WireFormat.WireType.Varint => new ProtoField(number, type, input.ReadUInt64(), 0, ByteString.Empty),
                WireFormat.WireType.Fixed32 => new ProtoField(number, type, 0, input.ReadFixed32(), ByteString.Empty),
                WireFormat.WireType.Fixed64 => new ProtoField(number, type, input.ReadFixed64(), 0, ByteString.Empty),
                WireFormat.WireType.LengthDelimited => new ProtoField(number, type, 0, 0, input.ReadBytes()),
                _ => throw new InvalidDataException($"unexpected wire type {type} for field {number}"),
            });
        }

        return fields;
    }

    public static ProtoField Single(this IReadOnlyList<ProtoField> fields, int number) => fields.Single(f => f.Number == number);

    public static IEnumerable<ProtoField> All(this IReadOnlyList<ProtoField> fields, int number) => fields.Where(f => f.Number == number);
}

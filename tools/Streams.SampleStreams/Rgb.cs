namespace Streams.SampleStreams;

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Each channel multiplied by <paramref name="factor"/>, rounded half up and clamped to 0..255.</summary>
    public Rgb Scale(double factor) => new(ScaleChannel(R, factor), ScaleChannel(G, factor), ScaleChannel(B, factor));

    /// <summary>Formats as <c>r,g,b</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{R},{G},{B}");

    internal static byte ClampToByte(double value) => (byte)Math.Clamp(Math.Floor(value + 0.5), 0, 255);

    private static byte ScaleChannel(byte channel, double factor) => ClampToByte(channel * factor);
}

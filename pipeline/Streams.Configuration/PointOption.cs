namespace Streams.Configuration;

/// <summary>A point of a zone polygon or a counting line, written <c>[x, y]</c> in YAML.</summary>
/// <param name="X">Horizontal coordinate, growing to the right.</param>
/// <param name="Y">Vertical coordinate, growing downwards.</param>
public readonly record struct PointOption(double X, double Y);

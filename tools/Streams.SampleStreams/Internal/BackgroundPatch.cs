namespace Streams.SampleStreams.Internal;

/// <summary>A darker blotch: luminance lowered by up to <paramref name="Depth"/> at the centre, fading smoothly to 0 at the ellipse's edge.</summary>
internal sealed record BackgroundPatch(double CenterX, double CenterY, double RadiusX, double RadiusY, double Depth);

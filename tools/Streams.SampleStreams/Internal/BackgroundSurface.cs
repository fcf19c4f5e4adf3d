namespace Streams.SampleStreams.Internal;

/// <summary>A rectangle (road, pavement, yard) whose luminance is offset by <paramref name="LumaOffset"/>.</summary>
internal sealed record BackgroundSurface(PixelBox Box, double LumaOffset);

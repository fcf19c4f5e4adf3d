namespace Streams.SampleStreams.Internal;

/// <summary>
/// What the generator has already drawn for an object when it asks the preset for a route: class, size, speed
/// (pixels per frame at the rendered size), whether and how long it waits, and its slot in [0, 1) along the clip.
/// </summary>
internal sealed record ObjectRequest(
    ObjectClass Class, int Width, int Height, double Speed, bool Parked, bool WantsDwell, int DwellFrames, double Slot);

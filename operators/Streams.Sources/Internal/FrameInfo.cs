namespace Streams.Sources.Internal;

/// <summary>What ffmpeg's showinfo said about one output frame, before its bytes arrive.</summary>
/// <param name="Time">Its presentation time, when the frame has one.</param>
/// <param name="Width">Its width in pixels.</param>
/// <param name="Height">Its height in pixels.</param>
/// <param name="SourceFrameRate">The input's frame rate before sampling (showinfo's link frame rate), or 0 when unknown.</param>
internal readonly record struct FrameInfo(TimeSpan? Time, int Width, int Height, double SourceFrameRate);

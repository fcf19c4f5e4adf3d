namespace Streams.Tracking.Internal;

/// <summary>The borders of the frame a detection's box touches.</summary>
[Flags]
internal enum FrameEdges
{
    /// <summary>Inside the frame.</summary>
    None = 0,

    /// <summary>At the left border.</summary>
    Left = 1,

    /// <summary>At the right border.</summary>
    Right = 2,

    /// <summary>At the top border.</summary>
    Top = 4,

    /// <summary>At the bottom border.</summary>
    Bottom = 8,

    /// <summary>Left or right.</summary>
    Horizontal = Left | Right,

    /// <summary>Top or bottom.</summary>
    Vertical = Top | Bottom,
}

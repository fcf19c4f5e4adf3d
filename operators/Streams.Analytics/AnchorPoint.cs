namespace Streams.Analytics;

/// <summary>The point of a box that zones and lines judge, and whose motion gives the speed.</summary>
public enum AnchorPoint
{
    /// <summary>The middle of the bottom edge: where an object touches the ground in a top-down or oblique view.</summary>
    BottomCenter,

    /// <summary>The centre of the box.</summary>
    Center,

    /// <summary>The middle of the top edge.</summary>
    TopCenter,
}

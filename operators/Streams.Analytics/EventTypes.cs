namespace Streams.Analytics;

/// <summary>The <c>type</c> of each event, as serialized.</summary>
public static class EventTypes
{
    /// <summary>A confirmed track was seen for the first time.</summary>
    public const string ObjectNew = "object.new";

    /// <summary>A track's state, at most once per <see cref="AnalyticsStageOptions.ObjectUpdateInterval"/>.</summary>
    public const string ObjectUpdate = "object.update";

    /// <summary>A track ended: not seen for the timeout, or its stream ended.</summary>
    public const string ObjectEnd = "object.end";

    /// <summary>A track's anchor entered a zone.</summary>
    public const string ZoneEnter = "zone.enter";

    /// <summary>A track's anchor left a zone, or the track ended inside it.</summary>
    public const string ZoneExit = "zone.exit";

    /// <summary>A track stayed in a zone past its loitering threshold (once per visit).</summary>
    public const string ZoneLoiter = "zone.loiter";

    /// <summary>A track's anchor crossed a counting line.</summary>
    public const string LineCross = "line.cross";

    /// <summary>Cumulative line counts and current zone occupancy of a stream.</summary>
    public const string Counts = "counts";
}

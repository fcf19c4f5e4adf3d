namespace Streams.Analytics;

/// <summary>An event about one tracked object.</summary>
public abstract record ObjectEvent : AnalyticsEvent
{
    /// <summary>The object as seen on the event's frame (for an ended track: as last seen).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The event contract's field is 'object', as in DeepStream's and Savant's messages.")]
    public required ObjectSnapshot Object { get; init; }
}

namespace Streams.Analytics;

/// <summary><c>object.new</c>: a confirmed track was seen for the first time.</summary>
public sealed record ObjectNewEvent : ObjectEvent
{
    /// <inheritdoc />
    public override string Type => EventTypes.ObjectNew;
}

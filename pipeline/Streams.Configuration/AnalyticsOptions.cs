using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>analytics:</c> section: zones and counting lines evaluated on tracked objects, and event pacing.</summary>
public sealed record AnalyticsOptions : IValidatableOptions
{
    /// <summary>The defaults.</summary>
    public static AnalyticsOptions Default { get; } = new();

    /// <summary><c>zones</c>: polygons reporting entries, exits and loitering. Default empty.</summary>
    public IReadOnlyList<ZoneOptions> Zones { get; init; } = [];

    /// <summary><c>lines</c>: counting lines reporting directed crossings. Default empty.</summary>
    public IReadOnlyList<LineOptions> Lines { get; init; } = [];

    /// <summary><c>object_update_interval</c>: an <c>object.update</c> per track at most this often (stream time),
    /// greater than 0. Default 1s; null: none.</summary>
    public TimeSpan? ObjectUpdateInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>counts_interval</c>: a <c>counts</c> event per stream this often, plus a final one when the stream
    /// ends, greater than 0. Default 10s; null: none.</summary>
    public TimeSpan? CountsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>track_timeout</c>: a track unseen this long (stream time) ends with <c>object.end</c>; keep it
    /// longer than the tracker's lost-track buffer. Default 2s.</summary>
    public TimeSpan TrackTimeout { get; init; } = TimeSpan.FromSeconds(2);

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        if (ObjectUpdateInterval is { } update)
        {
            context.Positive(nameof(ObjectUpdateInterval), update);
        }

        if (CountsInterval is { } counts)
        {
            context.Positive(nameof(CountsInterval), counts);
        }

        context.Positive(nameof(TrackTimeout), TrackTimeout);
    }
}

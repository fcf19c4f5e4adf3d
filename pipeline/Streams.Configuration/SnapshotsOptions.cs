using Streams.Options;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>snapshots:</c> section: a JPEG crop of each tracked object's best view, referenced from its <c>object.end</c> event.</summary>
public sealed record SnapshotsOptions : IValidatableOptions
{
    /// <summary>The defaults.</summary>
    public static SnapshotsOptions Default { get; } = new();

    /// <summary><c>directory</c>: where crops go (<c>&lt;stream&gt;/&lt;track&gt;.jpg</c>), resolved against the pipeline
    /// file's directory and created when needed. Default null: no snapshots.</summary>
    [ConfigPath]
    public string? Directory { get; init; }

    /// <summary><c>quality</c>: JPEG quality, 1..100. Default 85.</summary>
    public int Quality { get; init; } = 85;

    /// <summary><c>max_side</c>: crops larger than this many pixels on their longer side are scaled down, 16..8192.
    /// Default 640.</summary>
    public int MaxSide { get; init; } = 640;

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        context.InRange(nameof(Quality), Quality, 1, 100);
        context.InRange(nameof(MaxSide), MaxSide, 16, 8192);
    }
}

using Streams.Sources;
using Streams.Configuration;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>Makes <see cref="TestPatternSource"/>s for <c>synthetic://pattern</c> URIs.</summary>
public sealed class PatternSourceFactory : ISourceFactory
{
    /// <inheritdoc />
    public bool CanCreate(SourceOptions options) =>
        options?.Uri.StartsWith("synthetic://pattern", StringComparison.OrdinalIgnoreCase) == true;

    /// <inheritdoc />
    public IFrameSource Create(SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TestPatternSource.FromUri(options.Uri, paced: options.Replay == ReplayPacing.Realtime);
    }
}

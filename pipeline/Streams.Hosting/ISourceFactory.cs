using Streams.Configuration;
using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>Makes the frame source for a configured source entry, for the URI schemes it knows.</summary>
public interface ISourceFactory
{
    /// <summary>True if this factory makes sources for <paramref name="options"/>.</summary>
    bool CanCreate(SourceOptions options);

    /// <summary>Creates the source. Called once per stream start.</summary>
    IFrameSource Create(SourceOptions options);
}

namespace Streams.Configuration.Internal;

/// <summary>The key and value nodes one property was bound from, and its key path.</summary>
internal sealed record PropertySite(ScalarNode Key, ConfigNode Value, string Path);

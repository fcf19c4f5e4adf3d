namespace Streams.Options;

/// <summary>
/// A string option holding a local path: the binder resolves it against the config file's directory and stores the
/// absolute path. With <see cref="AllowUri"/>, a value with a scheme (<c>rtsp://...</c>) is kept as written, except
/// <c>file://</c> which becomes a local path. Whether the file must exist is a validation rule of the owning type.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ConfigPathAttribute : Attribute
{
    /// <summary>Whether a value with a scheme is a URI kept as written rather than a path. Default false.</summary>
    public bool AllowUri { get; init; }
}

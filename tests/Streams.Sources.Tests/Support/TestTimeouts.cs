namespace Streams.Sources.Tests.Support;

/// <summary>Every wait in the tests has a bound; these are they.</summary>
internal static class TestTimeouts
{
    /// <summary>The bound of any wait for something that should happen.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>How long a graceful stop may take.</summary>
    public static readonly TimeSpan Stop = TimeSpan.FromSeconds(10);
}

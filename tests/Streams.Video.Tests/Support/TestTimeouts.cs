namespace Streams.Video.Tests.Support;

/// <summary>Every wait in the tests has a bound; this is it.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
}

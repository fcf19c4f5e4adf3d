namespace Streams.Sinks.Tests.Support;

internal static class TestTimeouts
{
    /// <summary>Upper bound of any single wait in these tests; generous for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits for a condition on state that changes on its own (sink counters), checking every 20 ms, failing after
    /// <paramref name="timeout"/>. This is a bounded wait for a condition, not a sleep standing in for one.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? Wait);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}

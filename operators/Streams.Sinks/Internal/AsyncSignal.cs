namespace Streams.Sinks.Internal;

/// <summary>
/// An auto-reset wake-up for one waiting loop: any number of <see cref="Set"/> calls between two waits wake it once.
/// Safe to call from any thread, including librdkafka's callback threads (it never throws).
/// </summary>
internal sealed class AsyncSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // another thread set it first: one wake-up is all it takes
            }
            catch (ObjectDisposedException)
            {
                // the loop is gone
            }
        }
    }

    /// <summary>Waits until set or until <paramref name="timeout"/> (infinite: -1 ms) passes.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout) => _semaphore.WaitAsync(timeout);

    public void Dispose() => _semaphore.Dispose();
}

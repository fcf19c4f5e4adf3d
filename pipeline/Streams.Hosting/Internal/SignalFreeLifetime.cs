using Microsoft.Extensions.Hosting;

namespace Streams.Hosting;

/// <summary>A host lifetime that leaves signals alone: <see cref="ShutdownSignals"/> owns them.</summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Streams.Sinks;

/// <summary>
/// What <see cref="EventTail"/> knows of its connection to the cluster, and the lines that tell a person watching: no
/// broker reachable yet, all of them lost, answering again. Each outage is told once, not at every retry.
/// </summary>
/// <remarks>The client's error callback reports "all brokers down" from its own thread; everything else runs on the
/// tail's thread, which is the only one that reports.</remarks>
internal sealed class EventTailConnection(EventTailOptions options, ILogger logger)
{
    private string? _pendingOutage;
    private string? _lastError;
    private bool _outageReported;

    /// <summary>True once the cluster answered a metadata request.</summary>
    public bool HasAnswered { get; private set; }

    /// <summary>The cluster answered and no outage is open: nothing to watch for until the client reports one.</summary>
    public bool IsSettled => HasAnswered && !_outageReported && Volatile.Read(ref _pendingOutage) is null;

    /// <summary>The last reason the cluster did not answer, or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>The cluster answered: ends an outage that was reported.</summary>
    public void Answered()
    {
        HasAnswered = true;
        Volatile.Write(ref _pendingOutage, null);
        if (_outageReported)
        {
            _outageReported = false;
            Report(LogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"Kafka at {options.BootstrapServers} answers again"));
        }
    }

    /// <summary>A metadata request failed; remembered as the reason, reported only with an outage.</summary>
    public void Failed(string reason) => Volatile.Write(ref _lastError, reason);

    /// <summary>The client found every broker down (called on the client's thread).</summary>
    public void AllBrokersDown(string reason)
    {
        Volatile.Write(ref _lastError, reason);
        Volatile.Write(ref _pendingOutage, reason);
    }

    /// <summary>Tells an outage the client reported, once until the cluster answers again.</summary>
    public void ReportOutage()
    {
        if (Interlocked.Exchange(ref _pendingOutage, null) is not { } reason || _outageReported)
        {
            return;
        }

        _outageReported = true;
        string line = HasAnswered
            ? string.Create(CultureInfo.InvariantCulture, $"lost Kafka at {options.BootstrapServers} ({reason}); waiting for it to return")
            : options.ConnectTimeout is { } timeout
                ? string.Create(CultureInfo.InvariantCulture, $"cannot reach Kafka at {options.BootstrapServers} ({reason}); trying for up to {timeout.TotalSeconds:0.###} s")
                : string.Create(CultureInfo.InvariantCulture, $"cannot reach Kafka at {options.BootstrapServers} ({reason}); still trying");
        Report(LogLevel.Warning, line);
    }

    private void Report(LogLevel level, string line)
    {
        logger.Log(level, SinkLogEvents.TailStatus, "{Status}", line);
        options.Status?.Invoke(line);
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Streams.Sources.Internal;

namespace Streams.Sources;

// The no-frame watchdog: while the source waits on ffmpeg (not while the pipeline makes it wait), a run that
// delivers nothing for the watchdog timeout (or the first-frame allowance) is killed; the retry logic takes over.
public sealed partial class FfmpegSource
{
    private long _waitingSince;
    private volatile bool _firstFrameSeen;
    private FfmpegProcess? _watchdogVictim;

    // The first frame may take as long as the larger of the two limits: the connect-and-probe allowance, and the
    // stall limit a user may have set above it.
    private TimeSpan FirstFrameLimit => _options.FirstFrameTimeout > _options.WatchdogTimeout ? _options.FirstFrameTimeout : _options.WatchdogTimeout;

    // Checks eight times per limit, so a stall is caught within 1/8 past it; between 50 ms and 1 s.
    private TimeSpan WatchdogTick => TimeSpan.FromTicks(Math.Clamp(_options.WatchdogTimeout.Ticks / 8,
        TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.TicksPerSecond));

    private void BeginWaiting()
    {
        if (Volatile.Read(ref _waitingSince) == 0)
        {
            Volatile.Write(ref _waitingSince, Stopwatch.GetTimestamp());
        }
    }

    private void EndWaiting() => Volatile.Write(ref _waitingSince, 0);

    private void CheckWatchdog()
    {
        long since = Volatile.Read(ref _waitingSince);
        FfmpegProcess? process = Volatile.Read(ref _current);
        if (since == 0 || process is null)
        {
            return;
        }

        TimeSpan limit = _firstFrameSeen ? _options.WatchdogTimeout : FirstFrameLimit;
        if (Stopwatch.GetElapsedTime(since) < limit || Interlocked.CompareExchange(ref _watchdogVictim, process, null) is not null)
        {
            return;
        }

        _logger.LogWarning(SourceLogEvents.WatchdogFired, "{Uri}: no frame from ffmpeg {Pid} for {LimitSeconds:0.###} s; killing it",
            DisplayUri, process.Id, limit.TotalSeconds);
        process.Kill();
    }
}

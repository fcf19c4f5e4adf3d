using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Sinks.Internal;

namespace Streams.Sinks;

// The pump: one task owns all delivery state (memory queue, spool, in-flight counts, flushes). Delivery reports reach it
// through a channel, so nothing here is shared with the client's threads.
public sealed partial class KafkaEventSink
{
    private static readonly int s_reasonCount = Enum.GetValues<EventDropReason>().Length;

    // Memory-only events not yet known to be settled, in arrival order (settled or spooled ones are skipped lazily).
    private readonly Queue<InFlightEvent> _memory = new();

    // Memory-only events to produce again, with no spool to put them in.
    private readonly List<InFlightEvent> _retry = [];
    private readonly List<FlushRequest> _flushes = [];

    // Write-ahead writers whose events are in the spool, answered once the batch is synced.
    private readonly List<TaskCompletionSource> _durable = [];
    private readonly bool[] _dropEpisode = new bool[s_reasonCount];
    private readonly long[] _episodeDrops = new long[s_reasonCount];
    private int _inFlightCount;
    private long _inFlightBytes;
    private bool _spooling;
    private bool _ackedSinceSpill;
    private long _spillStartedAt;
    private long _spoolAcksInEpisode;
    private bool _rewindPending;
    private int _failuresSinceRewind;
    private long _nextSequence;
    private bool _failureEpisode;
    private bool _anyDropEpisode;
    private long _rewindNotBefore;
    private long _lastReportAt = Stopwatch.GetTimestamp();

    // A resend waits this long after the failure that caused it, so that an error thrown at once by the client cannot
    // turn the rewind into a busy loop.
    private static readonly TimeSpan s_rewindBackoff = TimeSpan.FromMilliseconds(100);

    // At a stop, once everything unacknowledged is safe in the spool, waiting on ends when acknowledgements stop coming.
    private static readonly TimeSpan s_stopQuietPeriod = TimeSpan.FromMilliseconds(500);

    private async Task PumpAsync()
    {
        Exception? failure = null;
        try
        {
            await RunAsync();
            await DrainForStopAsync();
        }
#pragma warning disable CA1031 // a failure of the loop is logged and becomes the sink's Completion
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
            _logger.LogError(SinkLogEvents.SinkFailed, ex, "Kafka sink failed; what is unacknowledged is spooled if possible");
        }
        finally
        {
            Shutdown(failure);
            _intake.Writer.TryComplete(failure);
            AnswerLateWriters();
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            bool progress = Step(out TimeSpan wake);
            if (_intake.Reader.Completion.IsCompleted)
            {
                return; // completed by DisposeAsync and fully read
            }

            if (!progress)
            {
                await _signal.WaitAsync(wake);
            }
        }
    }

    /// <summary>The graceful stop: no more intake; wait for acknowledgements until quiet or the deadline.</summary>
    private async Task DrainForStopAsync()
    {
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            bool progress = Step(out TimeSpan wake);
            if (IsQuiet() || (IsDurable() && Stopwatch.GetElapsedTime(_lastReportAt) >= s_stopQuietPeriod))
            {
                return;
            }

            // One deadline: the host's token when it gave one, else the sink's own bound.
            if (_stopToken.IsCancellationRequested)
            {
                return;
            }

            TimeSpan left = _stopBound < TimeSpan.Zero ? TimeSpan.FromSeconds(1) : _stopBound - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            if (!progress)
            {
                await _signal.WaitAsync(wake < left ? wake : left);
            }
        }
    }

    /// <summary>One round of the pump; returns whether anything happened, and how long it may sleep if not.</summary>
    private bool Step(out TimeSpan wake)
    {
        bool progress = DrainReports();
        if (_fatal)
        {
            RestartProducer();
            progress = true;
        }

        wake = TryRewind();
        progress |= ProduceFromSpool();
        progress |= DrainIntake();
        wake = Earliest(wake, CheckSpill());
        if (_spool is not null)
        {
            _spool.AfterBatch();
            _spool.CollectGarbage();
            wake = Earliest(wake, _spool.SyncIfDue());
        }

        AnswerDurable();

        MaybeStopSpooling();
        CheckFlushes();

        // A safety net: every wake-up has a cause (intake, a delivery report, a timer), but never sleep for long.
        wake = Earliest(wake, TimeSpan.FromSeconds(1));
        return progress;
    }

    /// <summary>The sooner of two delays, a negative one meaning "never".</summary>
    private static TimeSpan Earliest(TimeSpan a, TimeSpan b) => a < TimeSpan.Zero ? b : b < TimeSpan.Zero ? a : a < b ? a : b;

    private bool DrainReports()
    {
        bool any = false;
        while (_reports.Reader.TryRead(out DeliveryOutcome report))
        {
            any = true;
            _lastReportAt = report.ReportedAt;
            InFlightEvent entry = report.Entry;
            if (report.Generation != _generation || !entry.InFlight)
            {
                continue; // from a producer already given up on: its events were requeued
            }

            UndoInFlight(entry);
            if (report.Code == ErrorCode.NoError)
            {
                _counters.Acknowledged(Stopwatch.GetElapsedTime(entry.ProducedAt, report.ReportedAt).TotalMilliseconds);
                Settle(entry);

                // Only an event produced since the spill proves the broker takes events again: a late acknowledgement
                // of one produced before it says nothing about now.
                if (entry.ProducedAt >= _spillStartedAt)
                {
                    _ackedSinceSpill = true;
                }

                if (entry.Spool is not null)
                {
                    _spoolAcksInEpisode++;
                }

                _failureEpisode = false;
                _brokersDown = false;
                _deliveryTrouble = false;
                if (_anyDropEpisode)
                {
                    EndDropEpisodes();
                }

                continue;
            }

            _counters.Failed(report.Code.ToString());
            if (DeliveryErrors.NeedsNewProducer(report.Code))
            {
                _fatal = true;
            }

            if (DeliveryErrors.IsRetriable(report.Code, report.IsFatal))
            {
                HandleRetriable(entry, report.Code, report.Reason);
            }
            else
            {
                Reject(entry, $"{report.Code}: {report.Reason}");
            }
        }

        return any;
    }

    private bool DrainIntake()
    {
        bool any = false;
        for (int n = 0; n < IntakeBatch && _intake.Reader.TryPeek(out IntakeItem item); n++)
        {
            if (item.Flush is { } flush)
            {
                any = true;
                _intake.Reader.TryRead(out _);
                flush.MemoryLimit = _nextSequence - 1;
                flush.SpoolLimit = _spool?.Tail;
                _flushes.Add(flush);
                continue;
            }

            OutgoingEvent e = item.Event!;
            if (!_spooling)
            {
                int size = e.EstimatedSize;
                bool blocked = _rewindPending || _retry.Count > 0 || _fatal;
                if (!blocked && HasRoom(size))
                {
                    any = true;
                    _intake.Reader.TryRead(out _);
                    var entry = new InFlightEvent(e, _nextSequence++, size);
                    _memory.Enqueue(entry);
                    Produce(entry);
                    continue;
                }

                if (_spool is null)
                {
                    return any; // no spool: the intake stays full and WriteAsync waits (backpressure)
                }

                EnterSpooling(blocked ? "a delivery failed" : $"{_inFlightCount} events ({_inFlightBytes} bytes) in flight reached the in-memory bound");
            }

            any = true;
            _intake.Reader.TryRead(out _);
            _nextSequence++;
            if (!_spool!.TryAppend(e, inFlight: false, out _, out EventDropReason reason))
            {
                Drop(reason, $"could not spool {e}");
            }

            if (item.Durable is { } durable)
            {
                _durable.Add(durable); // spooled or counted as dropped: settled either way, answered after the sync
            }
        }

        return any;
    }

    private bool ProduceFromSpool()
    {
        if (_spool is null || _rewindPending || _fatal)
        {
            return false;
        }

        bool any = false;
        while (HasRoom(0) && _spool.TryReadNext(out SpoolRef reference, out OutgoingEvent? e))
        {
            var entry = new InFlightEvent(e!, -1, e!.EstimatedSize) { Spool = reference };
            _counters.Replayed();
            Produce(entry);
            any = true;
        }

        return any;
    }

    private bool HasRoom(int size) =>
        _inFlightCount == 0
        || (_inFlightCount < _options.MaxInFlightEvents && _inFlightBytes + size <= _options.MaxInFlightBytes);

    /// <summary>
    /// From now on new events queue behind the spool. Everything unacknowledged that lives only in memory is copied to the
    /// spool first (in order), so a crash from here on loses nothing the sink accepted.
    /// </summary>
    private void EnterSpooling(string why)
    {
        Debug.Assert(_spool is not null);
        _ackedSinceSpill = false; // whatever the cause, only an acknowledgement shows the broker is taking events again
        _spillStartedAt = Stopwatch.GetTimestamp();
        if (!_spooling)
        {
            _spooling = true;
            _spoolAcksInEpisode = 0;
            _logger.LogWarning(SinkLogEvents.SpoolingStarted, "Spooling events to {Directory}: {Why}", _spool.Directory, why);
        }

        int count = _memory.Count;
        for (int i = 0; i < count; i++)
        {
            InFlightEvent entry = _memory.Dequeue();
            if (entry.Settled || entry.Spool is not null)
            {
                continue;
            }

            if (_spool.TryAppend(entry.Event, entry.InFlight, out SpoolRef reference, out EventDropReason reason))
            {
                entry.Spool = reference;
                continue;
            }

            if (!entry.InFlight)
            {
                Drop(reason, $"could not spool failed {entry.Event}");
                Settle(entry);
                continue;
            }

            _memory.Enqueue(entry); // still with the producer, memory-only
        }

        // The spilled events now sit at the spool's tail: a waiting flush must wait for them there.
        foreach (FlushRequest flush in _flushes)
        {
            flush.SpoolLimit = _spool.Tail;
        }
    }

    private void MaybeStopSpooling()
    {
        // Hysteresis: leave only with room to spare, or the next burst spills everything in flight again; and only once
        // the broker acknowledged something since the spill, or a spill for a late acknowledgement with few events in
        // flight would end at once, its cause unchanged.
        if (_spooling && !_writeAhead && _ackedSinceSpill && !_rewindPending && !_fatal && _spool!.PendingCount == 0
            && _inFlightCount <= _options.MaxInFlightEvents / 2 && _inFlightBytes <= _options.MaxInFlightBytes / 2)
        {
            _spooling = false;
            _logger.LogInformation(SinkLogEvents.SpoolingStopped,
                "Spool sent: {Acknowledged} spooled events acknowledged, none waiting; events go straight to Kafka again", _spoolAcksInEpisode);
        }
    }

    /// <summary>Spills when the oldest memory-only event has waited too long; returns the time to the next check.</summary>
    private TimeSpan CheckSpill()
    {
        if (_spooling || _spool is null || OldestMemory() is not { InFlight: true } oldest)
        {
            return Timeout.InfiniteTimeSpan;
        }

        TimeSpan age = Stopwatch.GetElapsedTime(oldest.ProducedAt);
        if (age >= _options.SpillAfter)
        {
            EnterSpooling($"no acknowledgement for {age.TotalSeconds:F1} s");
            return Timeout.InfiniteTimeSpan;
        }

        return _options.SpillAfter - age;
    }

    private InFlightEvent? OldestMemory()
    {
        while (_memory.TryPeek(out InFlightEvent? head))
        {
            if (!head.Settled && head.Spool is null)
            {
                return head;
            }

            _memory.Dequeue();
        }

        return null;
    }

    private void HandleRetriable(InFlightEvent entry, ErrorCode code, string reason)
    {
        _failuresSinceRewind++;
        _deliveryTrouble = true;
        _rewindPending = true;
        _rewindNotBefore = Stopwatch.GetTimestamp() + (long)(s_rewindBackoff.TotalSeconds * Stopwatch.Frequency);
        if (!_failureEpisode)
        {
            _failureEpisode = true;
            _logger.LogWarning(SinkLogEvents.DeliveryFailed, "Delivery of {Event} failed ({Code}: {Reason}); it and what follows are sent again in order",
                entry.Event, code, KafkaConfigRedactor.RedactText(reason, _config));
        }

        if (_spool is null)
        {
            _retry.Add(entry);
            return;
        }

        if (entry.Spool is { } reference)
        {
            _spool.MarkFailed(reference);
        }

        EnterSpooling($"delivery failed ({code})");
    }

    /// <summary>
    /// Once everything in flight has reported (and the back-off has passed): sends the failed events again, oldest first.
    /// Returns how long until it may try, or -1 when nothing waits.
    /// </summary>
    private TimeSpan TryRewind()
    {
        if (!_rewindPending || _inFlightCount > 0 || _fatal)
        {
            return Timeout.InfiniteTimeSpan;
        }

        long wait = _rewindNotBefore - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            return TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency);
        }

        _rewindPending = false;
        _counters.Retried(_failuresSinceRewind);
        _failuresSinceRewind = 0;
        _spool?.Rewind(resetInFlight: false);
        if (_retry.Count > 0)
        {
            _retry.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            InFlightEvent[] again = [.. _retry];
            _retry.Clear();
            foreach (InFlightEvent entry in again)
            {
                if (!entry.Settled)
                {
                    Produce(entry);
                }
            }
        }

        return Timeout.InfiniteTimeSpan;
    }

    /// <summary>After a fatal error the producer cannot be used again: replace it and send again what it held.</summary>
    private void RestartProducer()
    {
        DrainReports();
        _producer.Dispose(); // its poll loop stops first: no callback runs after this
        DrainReports();
        _logger.LogError(SinkLogEvents.ProducerRestarted,
            "Recreating the Kafka producer after a fatal error; {Failed} failed and {InFlight} unreported events are sent again in order",
            _failuresSinceRewind, _inFlightCount);
        _generation++;
        _fatal = false;
        _inFlightCount = 0;
        _inFlightBytes = 0;
        foreach (InFlightEvent entry in _memory)
        {
            if (entry.InFlight && !entry.Settled && entry.Spool is null)
            {
                entry.InFlight = false;
                _failuresSinceRewind++;
                if (_spool is null)
                {
                    _retry.Add(entry);
                }
            }
        }

        _producer = CreateProducer();
        if (_spool is not null)
        {
            EnterSpooling("the producer was recreated");
            _spool.Rewind(resetInFlight: true);
        }

        _rewindPending = true;
    }

    private void Settle(InFlightEvent entry)
    {
        entry.Settled = true;
        if (entry.Spool is { } reference)
        {
            _spool!.MarkSettled(reference);
        }
    }

    private void Reject(InFlightEvent entry, string why)
    {
        Drop(EventDropReason.Rejected, $"{entry.Event}: {why}");
        Settle(entry);
    }

    private void Drop(EventDropReason reason, string detail, long count = 1)
    {
        _counters.Dropped(reason, count);
        int i = (int)reason;
        _episodeDrops[i] += count;
        if (!_dropEpisode[i])
        {
            _dropEpisode[i] = true;
            _anyDropEpisode = true;
            if (reason != EventDropReason.SpoolFull) // the spool logs its own full episodes
            {
                _logger.LogError(SinkLogEvents.EventsDropped, "DROPPING events ({Reason}): {Detail}; further drops are counted, not logged, until deliveries succeed again",
                    reason, detail);
            }
        }
    }

    private void EndDropEpisodes()
    {
        _anyDropEpisode = false;
        for (int i = 0; i < _dropEpisode.Length; i++)
        {
            if (_dropEpisode[i])
            {
                _logger.LogWarning(SinkLogEvents.EventsDropped, "{Count} events were dropped ({Reason}) in the last episode", _episodeDrops[i], (EventDropReason)i);
                _dropEpisode[i] = false;
                _episodeDrops[i] = 0;
            }
        }
    }

    private void CheckFlushes()
    {
        for (int i = _flushes.Count - 1; i >= 0; i--)
        {
            if (IsFlushed(_flushes[i]))
            {
                _flushes[i].Done.TrySetResult();
                _flushes.RemoveAt(i);
            }
        }
    }

    private bool IsFlushed(FlushRequest flush)
    {
        if (OldestMemory() is { } oldest && oldest.Sequence <= flush.MemoryLimit)
        {
            return false;
        }

        return flush.SpoolLimit is not { } limit || _spool!.IsSettledBefore(limit);
    }

    private bool IsQuiet() =>
        _inFlightCount == 0 && OldestMemory() is null && _retry.Count == 0 && (_spool is null || _spool.PendingCount == 0);

    /// <summary>Everything unacknowledged is in the spool: stopping now loses nothing (it may only resend).</summary>
    private bool IsDurable() => _spool is not null && OldestMemory() is null && _retry.Count == 0;

    /// <summary>
    /// Last act of the pump: free the producer (its poll loop stops first), keep what is unacknowledged in the spool (or
    /// count it as dropped), rewrite the spool without acknowledged records, and answer waiting flushes.
    /// </summary>
    private void Shutdown(Exception? failure)
    {
        try
        {
            _producer.Dispose();
        }
#pragma warning disable CA1031 // stopping goes on whatever the client says
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(SinkLogEvents.ClientError, ex, "Disposing the Kafka producer failed");
        }

        try
        {
            DrainReports(); // acknowledgements that arrived while the producer stopped

            long spooled = 0, dropped = 0;
            var leftovers = new List<InFlightEvent>();
            while (OldestMemory() is { } entry)
            {
                _memory.Dequeue();
                leftovers.Add(entry);
            }

            foreach (InFlightEvent entry in _retry)
            {
                if (!entry.Settled && !leftovers.Contains(entry))
                {
                    leftovers.Add(entry);
                }
            }

            leftovers.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            foreach (InFlightEvent entry in leftovers)
            {
                if (KeepOrDrop(entry.Event))
                {
                    spooled++;
                }
                else
                {
                    dropped++;
                }

                entry.Settled = true;
            }

            while (_intake.Reader.TryRead(out IntakeItem item))
            {
                if (item.Event is { } e)
                {
                    if (KeepOrDrop(e))
                    {
                        spooled++;
                    }
                    else
                    {
                        dropped++;
                    }
                }

                if (item.Durable is { } durable)
                {
                    _durable.Add(durable);
                }

                item.Flush?.Done.TrySetException(new InvalidOperationException(
                    "The Kafka sink stopped before the flush was taken; what it waited for is in the spool or counted as dropped."));
            }

            _spool?.Sync();
            AnswerDurable();

            foreach (FlushRequest flush in _flushes)
            {
                if (failure is null && IsFlushed(flush))
                {
                    flush.Done.TrySetResult();
                }
                else
                {
                    flush.Done.TrySetException(new InvalidOperationException(
                        "The Kafka sink stopped before every event of the flush was acknowledged; the rest is in the spool or counted as dropped.", failure));
                }
            }

            _flushes.Clear();
            int inSpool = _spool?.UnsettledCount ?? 0;
            _spool?.Compact();
            EventSinkStatistics stats = GetStatistics();
            _stopReport = new SinkStopReport(Name, inSpool, dropped);
            _logger.LogInformation(SinkLogEvents.SinkStopped,
                "Kafka sink stopped: {Acked} acknowledged, {Spooled} spooled at stop, {InSpool} waiting in the spool for the next start, {Dropped} dropped at stop, {TotalDropped} dropped in all",
                stats.Acknowledged, spooled, inSpool, dropped, stats.TotalDropped);
        }
        finally
        {
            _spool?.Dispose();
        }
    }

    private void AnswerDurable()
    {
        foreach (TaskCompletionSource durable in _durable)
        {
            durable.TrySetResult();
        }

        _durable.Clear();
    }

    /// <summary>
    /// After the pump failed: writes that slipped into the intake between its last read and the intake's completion
    /// are counted as dropped and answered, so no writer waits forever.
    /// </summary>
    private void AnswerLateWriters()
    {
        while (_intake.Reader.TryRead(out IntakeItem item))
        {
            if (item.Event is { } e)
            {
                Drop(EventDropReason.Stopped, $"the sink stopped with {e} not taken");
            }

            item.Durable?.TrySetResult();
            item.Flush?.Done.TrySetException(new InvalidOperationException("The Kafka sink stopped before the flush."));
        }

        AnswerDurable();
    }

    private bool KeepOrDrop(OutgoingEvent e)
    {
        EventDropReason reason = EventDropReason.Stopped;
        if (_spool is not null && _spool.TryAppend(e, inFlight: false, out _, out reason))
        {
            return true;
        }

        Drop(reason, $"stopping with {e} unacknowledged");
        return false;
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Streams.Sinks.Internal;

/// <summary>
/// The durable local spool: an ordered queue of events in append-only segment files, with each record's state
/// (pending, in flight, settled) kept in memory. Records are appended, read back in order, and a segment file is
/// deleted only when every record in it is settled. Not thread-safe: the Kafka sink's pump owns it.
/// </summary>
/// <remarks>
/// Every append reaches the operating system before <see cref="TryAppend"/> returns (pwrite, no user-space buffer), so
/// a killed process loses nothing that was appended; <see cref="FsyncPolicy"/> decides when it is forced to the disk.
/// At start-up every segment found is scanned: corrupt regions (bad magic, length or CRC, truncated tail) are reported
/// with file and offset, counted as <see cref="EventDropReason.SpoolCorrupt"/> once per region, and skipped; the good
/// records around them are kept and replayed in order.
/// </remarks>
internal sealed class Spool : IDisposable
{
    private const string SegmentExtension = ".seg";
    private const string LockFileName = "spool.lock";

    private readonly KafkaSinkOptions _options;
    private readonly ILogger _logger;
    private readonly SinkCounters _counters;
    private readonly List<SpoolSegment> _segments = [];
    private readonly FileStream _lock;
    private byte[] _buffer = new byte[64 * 1024];
    private SpoolSegment? _active;
    private long _nextSegmentId;
    private int _readSegment;
    private int _readIndex;
    private long _lastSync = Stopwatch.GetTimestamp();
    private bool _fullEpisode;
    private long _fullEpisodeDrops;
    private bool _disposed;

    private Spool(KafkaSinkOptions options, string directory, ILogger logger, SinkCounters counters, FileStream lockFile)
    {
        _options = options;
        Directory = directory;
        _logger = logger;
        _counters = counters;
        _lock = lockFile;
    }

    /// <summary>Records not produced yet.</summary>
    public int PendingCount { get; private set; }

    /// <summary>Records not settled yet (pending or in flight).</summary>
    public int UnsettledCount { get; private set; }

    /// <summary>Bytes of all segment files.</summary>
    public long Bytes { get; private set; }

    /// <summary>Corrupt regions reported since the spool opened.</summary>
    public int CorruptRegions { get; private set; }

    public string Directory { get; }

    /// <summary>Opens (or creates) the sink's <see cref="KafkaSinkOptions.Spool"/> directory, takes its lock, and indexes
    /// the segments an earlier process left.</summary>
    /// <exception cref="IOException">Another process holds the directory, or it cannot be read.</exception>
    public static Spool Open(KafkaSinkOptions options, ILogger logger, SinkCounters counters)
    {
        string directory = options.Spool ?? throw new ArgumentException("The options name no spool directory.", nameof(options));
        System.IO.Directory.CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            // FileShare.None takes an exclusive advisory lock on Unix; the kernel drops it when the process dies.
            lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"Spool directory {directory} is in use by another process.", e);
        }

        var spool = new Spool(options, directory, logger, counters, lockFile);
        try
        {
            spool.Recover();
        }
        catch
        {
            spool.Dispose();
            throw;
        }

        return spool;
    }

    /// <summary>
    /// Appends an event as the newest record. <paramref name="inFlight"/> marks a record that is already with the
    /// producer (a spill), so the reader skips it. On failure returns false with the reason; nothing is counted as dropped
    /// here (the caller decides), but a full spool is logged once per episode.
    /// </summary>
    public bool TryAppend(OutgoingEvent e, bool inFlight, out SpoolRef reference, out EventDropReason failure)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        reference = default;
        failure = default;
        int size;
        try
        {
            size = SpoolFormat.RecordSize(e);
        }
        catch (ArgumentException)
        {
            failure = EventDropReason.Rejected;
            return false;
        }

        long needed = size + (_active is null || _active.Length + size > _options.SpoolSegmentBytes ? SpoolFormat.SegmentHeaderSize : 0);
        if (Bytes + needed > _options.SpoolMaxBytes)
        {
            failure = EventDropReason.SpoolFull;
            _fullEpisodeDrops++;
            if (!_fullEpisode)
            {
                _fullEpisode = true;
                _logger.LogError(SinkLogEvents.SpoolFull,
                    "Spool {Directory} reached its bound of {MaxBytes} bytes with {Records} records waiting: new events are DROPPED until the broker takes some",
                    Directory, _options.SpoolMaxBytes, UnsettledCount);
            }

            return false;
        }

        try
        {
            SpoolSegment segment = ActiveSegmentFor(size);
            EnsureBuffer(size);
            int written = SpoolFormat.WriteRecord(e, _buffer);
            Debug.Assert(written == size);
            RandomAccess.Write(segment.Handle, _buffer.AsSpan(0, size), segment.Length);
            int index = segment.Add(segment.Length, size, inFlight ? SpoolRecordState.InFlight : SpoolRecordState.Pending);
            segment.Length += size;
            segment.Dirty = true;
            Bytes += size;
            UnsettledCount++;
            if (!inFlight)
            {
                PendingCount++;
            }

            reference = new SpoolRef(segment, index);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(SinkLogEvents.SpoolIoFailed, ex, "Writing to spool {Directory} failed", Directory);
            SealActive();
            failure = EventDropReason.SpoolWriteFailed;
            return false;
        }

        _counters.Spooled();
        if (_fullEpisode)
        {
            _fullEpisode = false;
            _logger.LogWarning(SinkLogEvents.SpoolFull, "Spool {Directory} accepts events again; {Dropped} were dropped while it was full",
                Directory, _fullEpisodeDrops);
            _fullEpisodeDrops = 0;
        }

        return true;
    }

    /// <summary>
    /// The next pending record in order, marked in flight; false when none is pending past the read position. A record
    /// that can no longer be read or decoded is reported, settled and counted as corrupt, and the next one is tried.
    /// </summary>
    public bool TryReadNext(out SpoolRef reference, out OutgoingEvent? e)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_readSegment < _segments.Count)
        {
            SpoolSegment segment = _segments[_readSegment];
            while (_readIndex < segment.Count)
            {
                int index = _readIndex++;
                if (segment.State(index) != SpoolRecordState.Pending)
                {
                    continue;
                }

                reference = new SpoolRef(segment, index);
                if (TryRead(segment, index, out e))
                {
                    segment.SetState(index, SpoolRecordState.InFlight);
                    PendingCount--;
                    return true;
                }

                PendingCount--;
                Settle(reference, pendingBefore: false);
                _counters.Dropped(EventDropReason.SpoolCorrupt);
            }

            if (segment.Writable)
            {
                break; // the active segment: more may come
            }

            _readSegment++;
            _readIndex = 0;
        }

        reference = default;
        e = null;
        return false;
    }

    /// <summary>The record is acknowledged or dropped: it will never be produced again.</summary>
    public void MarkSettled(SpoolRef reference)
    {
        SpoolRecordState state = reference.Segment.State(reference.Index);
        if (state == SpoolRecordState.Settled)
        {
            return;
        }

        Settle(reference, pendingBefore: state == SpoolRecordState.Pending);
    }

    /// <summary>The record's delivery failed: it is pending again (a later <see cref="Rewind"/> sends it again in order).</summary>
    public void MarkFailed(SpoolRef reference)
    {
        if (reference.Segment.State(reference.Index) == SpoolRecordState.InFlight)
        {
            reference.Segment.SetState(reference.Index, SpoolRecordState.Pending);
            PendingCount++;
        }
    }

    /// <summary>
    /// Moves the read position back to the oldest record, so that pending records are produced again in order. With
    /// <paramref name="resetInFlight"/> every in-flight record becomes pending too (its producer is gone).
    /// </summary>
    public void Rewind(bool resetInFlight)
    {
        if (resetInFlight)
        {
            foreach (SpoolSegment segment in _segments)
            {
                for (int i = segment.FirstUnsettled; i < segment.Count; i++)
                {
                    if (segment.State(i) == SpoolRecordState.InFlight)
                    {
                        segment.SetState(i, SpoolRecordState.Pending);
                        PendingCount++;
                    }
                }
            }
        }

        _readSegment = 0;
        _readIndex = 0;
    }

    /// <summary>The current tail: every record appended so far lies before it.</summary>
    public SpoolPosition Tail =>
        _active is { } active ? new SpoolPosition(active.Id, active.Count) : new SpoolPosition(_nextSegmentId, 0);

    /// <summary>True when every record before <paramref name="position"/> is settled.</summary>
    public bool IsSettledBefore(SpoolPosition position)
    {
        foreach (SpoolSegment segment in _segments)
        {
            if (segment.Id < position.SegmentId)
            {
                if (!segment.FullySettled)
                {
                    return false;
                }
            }
            else if (segment.Id == position.SegmentId)
            {
                return segment.AdvanceFirstUnsettled() >= position.Count;
            }
            else
            {
                break;
            }
        }

        return true;
    }

    /// <summary>Deletes the segment files whose records are all settled.</summary>
    public void CollectGarbage()
    {
        for (int i = 0; i < _segments.Count; i++)
        {
            SpoolSegment segment = _segments[i];
            if (!segment.FullySettled)
            {
                continue;
            }

            if (segment == _active)
            {
                _active = null;
            }

            segment.Handle.Dispose();
            try
            {
                File.Delete(segment.Path);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(SinkLogEvents.SpoolIoFailed, ex, "Could not delete spool segment {Path}", segment.Path);
            }

            Bytes -= segment.Length;
            _segments.RemoveAt(i);
            if (i < _readSegment)
            {
                _readSegment--;
            }
            else if (i == _readSegment)
            {
                _readIndex = 0;
            }

            i--;
        }
    }

    /// <summary>After a batch of appends: fsync now under <see cref="FsyncPolicy.Always"/>.</summary>
    public void AfterBatch()
    {
        if (_options.SpoolFsync == FsyncPolicy.Always)
        {
            Sync();
        }
    }

    /// <summary>Under <see cref="FsyncPolicy.Interval"/>: fsync when the period has passed; returns the time to the next one.</summary>
    public TimeSpan SyncIfDue()
    {
        if (_options.SpoolFsync != FsyncPolicy.Interval)
        {
            return Timeout.InfiniteTimeSpan;
        }

        TimeSpan since = Stopwatch.GetElapsedTime(_lastSync);
        if (since >= _options.SpoolFsyncInterval)
        {
            Sync();
            return _options.SpoolFsyncInterval;
        }

        return _options.SpoolFsyncInterval - since;
    }

    /// <summary>Forces every segment with unsynced writes to disk.</summary>
    public void Sync()
    {
        _lastSync = Stopwatch.GetTimestamp();
        foreach (SpoolSegment segment in _segments)
        {
            if (segment.Dirty)
            {
                try
                {
                    RandomAccess.FlushToDisk(segment.Handle);
                    segment.Dirty = false;
                }
                catch (IOException ex)
                {
                    _logger.LogError(SinkLogEvents.SpoolIoFailed, ex, "fsync of spool segment {Path} failed", segment.Path);
                }
            }
        }
    }

    /// <summary>
    /// At a graceful stop: deletes settled segments, rewrites partly settled ones with only their unsettled records (so a
    /// restart does not resend what was acknowledged), and syncs everything.
    /// </summary>
    public void Compact()
    {
        CollectGarbage();
        Span<byte> header = stackalloc byte[SpoolFormat.SegmentHeaderSize];
        for (int i = 0; i < _segments.Count; i++)
        {
            SpoolSegment segment = _segments[i];
            if (segment.SettledCount == 0)
            {
                continue;
            }

            string temp = segment.Path + ".tmp";
            try
            {
                using (SafeFileHandle output = File.OpenHandle(temp, FileMode.Create, FileAccess.Write))
                {
                    SpoolFormat.WriteSegmentHeader(header);
                    RandomAccess.Write(output, header, 0);
                    long position = SpoolFormat.SegmentHeaderSize;
                    for (int r = 0; r < segment.Count; r++)
                    {
                        if (segment.State(r) == SpoolRecordState.Settled)
                        {
                            continue;
                        }

                        (long offset, int size) = segment.Record(r);
                        EnsureBuffer(size);
                        RandomAccess.Read(segment.Handle, _buffer.AsSpan(0, size), offset);
                        RandomAccess.Write(output, _buffer.AsSpan(0, size), position);
                        position += size;
                    }

                    RandomAccess.FlushToDisk(output);
                }

                segment.Handle.Dispose();
                File.Move(temp, segment.Path, overwrite: true);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(SinkLogEvents.SpoolIoFailed, ex,
                    "Could not compact spool segment {Path}; acknowledged records in it may be sent again", segment.Path);
                TryDelete(temp);
            }
        }

        Sync();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (SpoolSegment segment in _segments)
        {
            segment.Handle.Dispose();
        }

        _segments.Clear();
        _active = null;
        _lock.Dispose();
    }

    private void Settle(SpoolRef reference, bool pendingBefore)
    {
        reference.Segment.SetState(reference.Index, SpoolRecordState.Settled);
        UnsettledCount--;
        if (pendingBefore)
        {
            PendingCount--;
        }
    }

    private bool TryRead(SpoolSegment segment, int index, out OutgoingEvent? e)
    {
        e = null;
        (long offset, int size) = segment.Record(index);
        string problem;
        try
        {
            EnsureBuffer(size);
            Span<byte> record = _buffer.AsSpan(0, size);
            int read = RandomAccess.Read(segment.Handle, record, offset);
            if (read == size && SpoolFormat.CheckFrame(record, 0, out int checkedSize) == FrameCheck.Ok && checkedSize == size
                && SpoolFormat.TryReadBody(record[SpoolFormat.FrameSize..], out e))
            {
                return true;
            }

            problem = "record no longer reads back intact";
        }
        catch (IOException ex)
        {
            problem = ex.Message;
        }

        ReportCorrupt(segment.Path, offset, problem, size);
        return false;
    }

    private SpoolSegment ActiveSegmentFor(int recordSize)
    {
        if (_active is { } active && active.Length + recordSize <= _options.SpoolSegmentBytes)
        {
            return active;
        }

        if (_active is { Count: > 0 })
        {
            SealActive();
        }

        if (_active is { } empty)
        {
            return empty; // a record larger than a segment gets a segment of its own
        }

        long id = _nextSegmentId++;
        string path = Path.Combine(Directory, id.ToString("D20", CultureInfo.InvariantCulture) + SegmentExtension);
        SafeFileHandle handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        Span<byte> header = stackalloc byte[SpoolFormat.SegmentHeaderSize];
        SpoolFormat.WriteSegmentHeader(header);
        try
        {
            RandomAccess.Write(handle, header, 0);
        }
        catch
        {
            handle.Dispose();
            TryDelete(path);
            throw;
        }

        var segment = new SpoolSegment(id, path, handle, SpoolFormat.SegmentHeaderSize, writable: true) { Dirty = true };
        _segments.Add(segment);
        Bytes += SpoolFormat.SegmentHeaderSize;
        _active = segment;
        return segment;
    }

    private void SealActive()
    {
        if (_active is { } active)
        {
            active.Writable = false;
            if (_options.SpoolFsync != FsyncPolicy.Never && active.Dirty)
            {
                try
                {
                    RandomAccess.FlushToDisk(active.Handle);
                    active.Dirty = false;
                }
                catch (IOException ex)
                {
                    _logger.LogError(SinkLogEvents.SpoolIoFailed, ex, "fsync of spool segment {Path} failed", active.Path);
                }
            }

            _active = null;
        }
    }

    private void Recover()
    {
        var found = new List<(long Id, string Path)>();
        foreach (string path in System.IO.Directory.EnumerateFiles(Directory, "*" + SegmentExtension))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                found.Add((id, path));
            }
        }

        foreach (string stale in System.IO.Directory.EnumerateFiles(Directory, "*" + SegmentExtension + ".tmp"))
        {
            TryDelete(stale); // a compaction cut short: the original segment is still whole
        }

        found.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        int records = 0;
        foreach ((long id, string path) in found)
        {
            _nextSegmentId = Math.Max(_nextSegmentId, id + 1);
            records += RecoverSegment(id, path);
        }

        if (found.Count > 0)
        {
            _logger.LogWarning(SinkLogEvents.SpoolRecovered,
                "Spool {Directory} holds {Records} events in {Segments} segments from an earlier run; they are sent first, in order (events whose acknowledgement was not recorded may arrive twice: deduplicate by event id)",
                Directory, records, found.Count);
        }
    }

    private int RecoverSegment(long id, string path)
    {
        byte[] file = File.ReadAllBytes(path);
        if (!SpoolFormat.IsValidSegmentHeader(file))
        {
            ReportCorrupt(path, 0, "segment header missing or unknown", file.Length);
            TryDelete(path);
            return 0;
        }

        SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var segment = new SpoolSegment(id, path, handle, file.Length, writable: false);
        long offset = SpoolFormat.SegmentHeaderSize;
        while (offset < file.Length)
        {
            FrameCheck check = SpoolFormat.CheckFrame(file, offset, out int size);
            if (check == FrameCheck.Ok)
            {
                segment.Add(offset, size, SpoolRecordState.Pending);
                offset += size;
                continue;
            }

            long next = FindNextRecord(file, offset + 1);
            string problem = check switch
            {
                FrameCheck.Truncated when next < 0 => "truncated tail (a write cut short)",
                FrameCheck.Truncated or FrameCheck.BadLength => "record length is impossible",
                FrameCheck.BadMagic => "no record starts here",
                _ => "CRC mismatch",
            };
            long end = next < 0 ? file.Length : next;
            ReportCorrupt(path, offset, problem, end - offset);
            offset = end;
        }

        _segments.Add(segment);
        Bytes += file.Length;
        UnsettledCount += segment.Count;
        PendingCount += segment.Count;
        _counters.Accepted(segment.Count);
        return segment.Count;
    }

    private static long FindNextRecord(byte[] file, long from)
    {
        ReadOnlySpan<byte> magic = [(byte)'S', (byte)'R', (byte)'E', (byte)'C'];
        long position = from;
        while (position < file.Length)
        {
            int found = file.AsSpan((int)position).IndexOf(magic);
            if (found < 0)
            {
                return -1;
            }

            position += found;
            if (SpoolFormat.CheckFrame(file, position, out _) == FrameCheck.Ok)
            {
                return position;
            }

            position++;
        }

        return -1;
    }

    private void ReportCorrupt(string path, long offset, string problem, long bytes)
    {
        CorruptRegions++;
        _counters.Dropped(EventDropReason.SpoolCorrupt);
        _logger.LogError(SinkLogEvents.SpoolCorrupt,
            "Spool segment {Path} is corrupt at offset {Offset}: {Problem}; {Bytes} bytes skipped, the good records around them are kept",
            path, offset, problem, bytes);
    }

    private void EnsureBuffer(int size)
    {
        if (_buffer.Length < size)
        {
            _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: a leftover temp file is removed at the next start
        }
    }
}

using Microsoft.Win32.SafeHandles;

namespace Streams.Sinks.Internal;

/// <summary>What the spool knows of one record of a segment.</summary>
internal enum SpoolRecordState : byte
{
    /// <summary>Not produced yet (or produced and failed): the reader will produce it.</summary>
    Pending,

    /// <summary>Handed to the producer; waiting for its delivery report.</summary>
    InFlight,

    /// <summary>Acknowledged, or dropped and counted: never produced again.</summary>
    Settled,
}

/// <summary>One segment file of the spool and the in-memory index of its records (offset, size, state).</summary>
internal sealed class SpoolSegment(long id, string path, SafeFileHandle handle, long length, bool writable)
{
    private (long Offset, int Size)[] _records = new (long, int)[64];
    private SpoolRecordState[] _states = new SpoolRecordState[64];

    public long Id { get; } = id;

    public string Path { get; } = path;

    public SafeFileHandle Handle { get; } = handle;

    /// <summary>Bytes in the file (where the next record goes when writable).</summary>
    public long Length { get; set; } = length;

    /// <summary>True for the segment being appended to.</summary>
    public bool Writable { get; set; } = writable;

    /// <summary>True when writes since the last fsync exist.</summary>
    public bool Dirty { get; set; }

    public int Count { get; private set; }

    public int SettledCount { get; private set; }

    /// <summary>All records below this index are settled (advanced lazily by <see cref="AdvanceFirstUnsettled"/>).</summary>
    public int FirstUnsettled { get; private set; }

    public bool FullySettled => SettledCount == Count;

    public int Add(long offset, int size, SpoolRecordState state)
    {
        if (Count == _records.Length)
        {
            Array.Resize(ref _records, Count * 2);
            Array.Resize(ref _states, Count * 2);
        }

        _records[Count] = (offset, size);
        _states[Count] = state;
        if (state == SpoolRecordState.Settled)
        {
            SettledCount++;
        }

        return Count++;
    }

    public (long Offset, int Size) Record(int index) => _records[index];

    public SpoolRecordState State(int index) => _states[index];

    public void SetState(int index, SpoolRecordState state)
    {
        SpoolRecordState old = _states[index];
        if (old == state)
        {
            return;
        }

        if (old == SpoolRecordState.Settled)
        {
            throw new InvalidOperationException("A settled spool record cannot change state.");
        }

        _states[index] = state;
        if (state == SpoolRecordState.Settled)
        {
            SettledCount++;
        }
    }

    public int AdvanceFirstUnsettled()
    {
        while (FirstUnsettled < Count && _states[FirstUnsettled] == SpoolRecordState.Settled)
        {
            FirstUnsettled++;
        }

        return FirstUnsettled;
    }
}

/// <summary>A record of the spool: its segment and index there.</summary>
internal readonly record struct SpoolRef(SpoolSegment Segment, int Index);

/// <summary>The spool's tail at some moment: records before it are older. Used by flushes.</summary>
internal readonly record struct SpoolPosition(long SegmentId, int Count);

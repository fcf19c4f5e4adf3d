using Streams.Options;
using System.Runtime.InteropServices;
using Streams.Runtime;
using Streams.Tracking.Internal;

namespace Streams.Tracking;

/// <summary>
/// Tracks the objects of each stream with its own <see cref="ByteTracker"/> and writes their
/// <see cref="DetectedObject.TrackId"/> in place; a stream's end-of-stream marker closes all its tracks (a stream that
/// comes back starts again at id 1).
/// </summary>
/// <remarks>
/// Frames where detection did not run (see <see cref="TrackerOptions.DetectionInterval"/> or the
/// <c>detectionRan</c> predicate) are passed on without touching the tracks; the tracker counts frames by PTS, so the
/// gap still ages lost tracks and lengthens the Kalman prediction. Untracked detections are removed unless
/// <see cref="TrackerOptions.KeepUntrackedDetections"/> is set. What an update reveals about earlier source
/// frames goes to <see cref="Frame.PastObjects"/>: the first sighting of a track confirmed on its second one (made
/// while it had no id), and with <see cref="TrackerOptions.PastFrames"/> the interpolated box of every
/// source frame between a track's sightings.
/// </remarks>
public sealed class TrackerStage : TransformStage<Frame>
{
    private readonly TrackerOptions _options;
    private readonly Func<Frame, bool>? _detectionRan;
    private readonly Stack<StreamTracker> _spare = new();
    private StreamTracker?[] _streams = new StreamTracker?[8];
    private int[] _indexMap = new int[64];

    /// <summary>Creates the stage.</summary>
    /// <param name="options">Tracker settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">The settings break one of their rules.</exception>
    /// <param name="detectionRan">
    /// Tells whether detection ran on a frame (e.g. a flag the inference stage sets); null to use
    /// <see cref="TrackerOptions.DetectionInterval"/>.
    /// </param>
    /// <param name="name">The stage's name in logs and metrics.</param>
    public TrackerStage(TrackerOptions? options = null, Func<Frame, bool>? detectionRan = null, string name = "tracker")
        : base(name)
    {
        _options = options ?? TrackerOptions.Default;
        OptionsValidator.ThrowIfInvalid(_options, nameof(options));
        _detectionRan = detectionRan;
    }

    /// <summary>Streams with live tracker state.</summary>
    public int ActiveStreams
    {
        get
        {
            int n = 0;
            foreach (StreamTracker? s in _streams)
            {
                n += s is null ? 0 : 1;
            }

            return n;
        }
    }

    /// <inheritdoc />
    protected override bool Transform(Frame item)
    {
        StreamTracker state = StateOf(item.Stream);
        long frame = state.Clock.Next(item.Sequence, item.Pts, item.SourceFrameRate);
        bool ran = _detectionRan is { } predicate
            ? predicate(item)
            : item.Objects.Count > 0 || item.Sequence % _options.DetectionInterval == 0;
        if (!ran)
        {
            if (_options.PredictSkippedFrames)
            {
                state.Tracker.AppendPredictions(item.Objects, frame);
            }

            return true;
        }

        double rate = state.Clock.FrameRate;
        if (rate != state.Tracker.FrameRate)
        {
            state.Tracker.FrameRate = rate;
        }

        state.Tracker.SetFrameSize(item.Width, item.Height);
        state.Tracker.Update(CollectionsMarshal.AsSpan(item.Objects), frame);
        if (!_options.KeepUntrackedDetections)
        {
            RemoveUntracked(item);
        }

        AppendPastObjects(item, state.Tracker.Steps, rate);
        return true;
    }

    /// <summary>
    /// Puts on <paramref name="item"/> what its update revealed about earlier source frames: the first sighting of
    /// each track confirmed now, and with <see cref="TrackerOptions.PastFrames"/> the interpolated box of
    /// every frame between two sightings; oldest first.
    /// </summary>
    private void AppendPastObjects(Frame item, ReadOnlySpan<TrackStep> steps, double rate)
    {
        List<PastObject> past = item.PastObjects;
        past.Clear();
        foreach (ref readonly TrackStep step in steps)
        {
            if (!step.FromReported)
            {
                past.Add(PastAt(item, step, step.FromFrame, step.From, rate, observed: true));
            }

            if (_options.PastFrames)
            {
                for (long k = step.FromFrame + 1; k < step.ToFrame; k++)
                {
                    past.Add(PastAt(item, step, k, step.At(k), rate, observed: false));
                }
            }
        }

        if (past.Count > 1)
        {
            past.Sort(static (a, b) => a.FramesBefore != b.FramesBefore
                ? b.FramesBefore.CompareTo(a.FramesBefore)
                : a.Tracked.TrackId.CompareTo(b.Tracked.TrackId));
        }
    }

    private static PastObject PastAt(Frame item, in TrackStep step, long frame, BoxF box, double rate, bool observed)
    {
        long framesBefore = step.ToFrame - frame;
        TimeSpan before = TimeSpan.FromSeconds(framesBefore / rate);
        var o = new DetectedObject(box, step.ClassId, step.Score) { TrackId = step.TrackId };
        return new PastObject(item.Pts - before, framesBefore, before, o, observed);
    }

    /// <inheritdoc />
    protected override void OnEndOfStream(StreamContext stream)
    {
        int index = stream.Index;
        if (index < _streams.Length && _streams[index] is { } state && ReferenceEquals(state.Stream, stream))
        {
            _streams[index] = null;
            state.Tracker.Reset();
            state.Clock.Reset();
            _spare.Push(state);
        }
    }

    private StreamTracker StateOf(StreamContext stream)
    {
        int index = stream.Index;
        if (index >= _streams.Length)
        {
            Array.Resize(ref _streams, Math.Max(index + 1, _streams.Length * 2));
        }

        StreamTracker? state = _streams[index];
        if (state is not null && ReferenceEquals(state.Stream, stream))
        {
            return state;
        }

        // A new stream, or a new stream reusing an index whose previous stream ended without a marker reaching us.
        if (state is not null)
        {
            state.Tracker.Reset();
            state.Clock.Reset();
        }
        else
        {
            state = _spare.Count > 0 ? _spare.Pop() : new StreamTracker(_options);
        }

        state.Stream = stream;
        _streams[index] = state;
        return state;
    }

    /// <summary>Drops objects without a track id and re-points the attributes at the kept objects.</summary>
    private void RemoveUntracked(Frame frame)
    {
        List<DetectedObject> objects = frame.Objects;
        int count = objects.Count;
        if (_indexMap.Length < count)
        {
            _indexMap = new int[Math.Max(count, _indexMap.Length * 2)];
        }

        Span<DetectedObject> span = CollectionsMarshal.AsSpan(objects);
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            if (span[i].TrackId != 0)
            {
                _indexMap[i] = kept;
                span[kept++] = span[i];
            }
            else
            {
                _indexMap[i] = -1;
            }
        }

        if (kept == count)
        {
            return;
        }

        objects.RemoveRange(kept, count - kept);
        List<ObjectAttribute> attributes = frame.Attributes;
        Span<ObjectAttribute> attrs = CollectionsMarshal.AsSpan(attributes);
        int keptAttributes = 0;
        for (int i = 0; i < attrs.Length; i++)
        {
            ObjectAttribute a = attrs[i];
            int target = (uint)a.ObjectIndex < (uint)count ? _indexMap[a.ObjectIndex] : -1;
            if (target >= 0)
            {
                attrs[keptAttributes++] = a with { ObjectIndex = target };
            }
        }

        attributes.RemoveRange(keptAttributes, attrs.Length - keptAttributes);
    }

    /// <summary>One stream's tracker and clock; pooled between streams.</summary>
    private sealed class StreamTracker(TrackerOptions options)
    {
        public StreamContext Stream { get; set; } = null!;

        public ByteTracker Tracker { get; } = new(options, options.FrameRate ?? FrameClock.DefaultFrameRate)
        {
            ReportFilteredBoxes = options.ReportFilteredBoxes,
        };

        public FrameClock Clock { get; } = new(options.FrameRate);
    }
}

using System.Globalization;
using Streams.Analytics.Internal;
using Streams.Runtime;

namespace Streams.Analytics;

/// <summary>
/// The analytics of one stream: give it each tracked frame in order, and it appends the events the frame caused.
/// The <see cref="AnalyticsStage"/> keeps one per stream; tests and tools can drive one directly.
/// </summary>
/// <remarks>
/// <para>Only confirmed tracks count: objects with <see cref="DetectedObject.TrackId"/> 0 are ignored. Each rule judges
/// the track's anchor point. A line counts a crossing when the anchor, having been on one side, is at least
/// <see cref="AnalyticsStageOptions.Hysteresis"/> pixels past the line on the other side, and the move from its last
/// position on the first side passes through the segment A-B; jitter within the band never counts, and never twice.
/// A zone is entered when the anchor is inside by at least the hysteresis (or inside at the track's first sighting),
/// and left when it is outside by at least the hysteresis; a move between two sightings that goes through a zone
/// (in by at least the hysteresis at its middle) enters and leaves it.</para>
/// <para>Sightings can be far apart in time (detection on a sample of the frames), so a crossing's, an entry's and
/// an exit's <see cref="AnalyticsEvent.StreamTime"/> and <see cref="AnalyticsEvent.Pts"/> are the moment the way
/// between the two sightings met the line or the zone's edge, at the pace it moved between them; the event's
/// <see cref="AnalyticsEvent.Sequence"/> is still the frame that decided it. A track's first sighting made before the
/// tracker confirmed it arrives with the next frame (<see cref="Frame.PastObjects"/>) and is judged first, at its own
/// time.</para>
/// <para>Events of one frame come in a fixed order: per object (in frame order) object.new, line crossings (lines in
/// configuration order), zone events (zones in configuration order), object.update; then tracks ended by the
/// timeout (by id), then counts. Not thread-safe.</para>
/// </remarks>
public sealed class StreamAnalytics
{
    private readonly string _streamId;
    private readonly long _epoch;
    private readonly AnalyticsStageOptions _options;
    private readonly ZoneRuleOptions[] _zones;
    private readonly LineRuleOptions[] _lines;
    private readonly HashSet<int>?[] _zoneClasses;
    private readonly HashSet<int>?[] _lineClasses;
    private readonly Point2D[][] _zonePolygons;
    private readonly Point2D[] _lineA;
    private readonly Point2D[] _lineB;
    private readonly Dictionary<long, TrackRecord> _tracks = new();
    private readonly Stack<TrackRecord> _spare = new();
    private readonly List<TrackRecord> _ending = new();
    private readonly SortedDictionary<int, long>[] _lineIn;
    private readonly SortedDictionary<int, long>[] _lineOut;
    private readonly long[] _zoneVisits;
    private readonly Dictionary<int, string> _classNames = new();
    private readonly double _hysteresis;
    private TrackRecord?[] _byObject = new TrackRecord?[64];
    private Homography? _ground;
    private int _width;
    private int _height;

    private bool _started;
    private TimeSpan _time;
    private TimeSpan? _lastPts;
    private long _lastSequence;
    private AnalyticsFrame _lastFrame;
    private TimeSpan _nextCounts;
    private int _reports;

    /// <summary>
    /// Creates the analytics of one run of stream <paramref name="streamId"/>: the rules that name it or no stream, and
    /// a new run epoch for its event ids.
    /// </summary>
    /// <exception cref="ArgumentException">The options break one of their rules, or two rules of the stream share an id.</exception>
    public StreamAnalytics(string streamId, AnalyticsStageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        _streamId = streamId;
        _options = options ?? AnalyticsStageOptions.Default;
        _options.ThrowIfInvalid(nameof(options));
        _hysteresis = _options.Hysteresis;
        _epoch = _options.Epochs is { } epochs ? epochs(streamId) : EventIds.NextEpoch();

        var zones = new List<ZoneRuleOptions>();
        foreach (ZoneRuleOptions z in _options.Zones)
        {
            if (z.Stream is null || z.Stream == streamId)
            {
                zones.Add(z);
            }
        }

        var lines = new List<LineRuleOptions>();
        foreach (LineRuleOptions l in _options.Lines)
        {
            if (l.Stream is null || l.Stream == streamId)
            {
                lines.Add(l);
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (ZoneRuleOptions z in zones)
        {
            if (!ids.Add(z.Id))
            {
                throw new ArgumentException($"Stream '{streamId}' has two rules named '{z.Id}'.", nameof(options));
            }
        }

        foreach (LineRuleOptions l in lines)
        {
            if (!ids.Add(l.Id))
            {
                throw new ArgumentException($"Stream '{streamId}' has two rules named '{l.Id}'.", nameof(options));
            }
        }

        _zones = [.. zones];
        _lines = [.. lines];
        _zoneClasses = new HashSet<int>?[_zones.Length];
        _zonePolygons = new Point2D[_zones.Length][];
        _zoneVisits = new long[_zones.Length];
        for (int i = 0; i < _zones.Length; i++)
        {
            _zoneClasses[i] = _zones[i].Classes is { } c ? [.. c] : null;
            _zonePolygons[i] = new Point2D[_zones[i].Polygon.Count];
        }

        _lineClasses = new HashSet<int>?[_lines.Length];
        _lineA = new Point2D[_lines.Length];
        _lineB = new Point2D[_lines.Length];
        _lineIn = new SortedDictionary<int, long>[_lines.Length];
        _lineOut = new SortedDictionary<int, long>[_lines.Length];
        for (int i = 0; i < _lines.Length; i++)
        {
            _lineClasses[i] = _lines[i].Classes is { } c ? [.. c] : null;
            _lineIn[i] = [];
            _lineOut[i] = [];
        }
    }

    /// <summary>The stream's id.</summary>
    public string StreamId => _streamId;

    /// <summary>The run epoch in this instance's event ids (<see cref="EventIds"/>), fixed when it was created.</summary>
    public long Epoch => _epoch;

    /// <summary>Tracks seen and not ended.</summary>
    public int LiveTracks => _tracks.Count;

    /// <summary>Runs the rules on one frame and appends the events it caused to <paramref name="events"/>.</summary>
    /// <param name="frame">The frame's sequence, times and size.</param>
    /// <param name="objects">Its objects; those with track id 0 are ignored.</param>
    /// <param name="attributes">Secondary classifiers' results, indexing <paramref name="objects"/>.</param>
    /// <param name="events">Receives the events, in order.</param>
    public void Process(in AnalyticsFrame frame, ReadOnlySpan<DetectedObject> objects, ReadOnlySpan<ObjectAttribute> attributes, List<AnalyticsEvent> events) =>
        Process(frame, objects, attributes, events, image: null);

    /// <summary>
    /// Runs the rules on one frame, as <see cref="Process(in AnalyticsFrame, ReadOnlySpan{DetectedObject}, ReadOnlySpan{ObjectAttribute}, List{AnalyticsEvent})"/>,
    /// and offers each track's best sightings to <see cref="AnalyticsStageOptions.Snapshots"/>.
    /// </summary>
    /// <param name="frame">The frame's sequence, times and size.</param>
    /// <param name="objects">Its objects; those with track id 0 are ignored.</param>
    /// <param name="attributes">Secondary classifiers' results, indexing <paramref name="objects"/>.</param>
    /// <param name="events">Receives the events, in order.</param>
    /// <param name="image">The frame's picture, for snapshots; null: no snapshot candidates from this frame.</param>
    public void Process(in AnalyticsFrame frame, ReadOnlySpan<DetectedObject> objects, ReadOnlySpan<ObjectAttribute> attributes, List<AnalyticsEvent> events, Frame? image) =>
        Process(frame, [], objects, attributes, events, image);

    /// <summary>
    /// Runs the rules on one frame whose tracker also reported objects of earlier source frames
    /// (<see cref="Frame.PastObjects"/>): the sightings among them (a track's first one, made before the track had an
    /// id) are judged first, oldest first, at their own time, so that a track's path starts where it was first seen;
    /// boxes interpolated between sightings are skipped, since the rules already judge the way between two sightings.
    /// </summary>
    /// <param name="frame">The frame's sequence, times and size.</param>
    /// <param name="pastObjects">Objects of earlier source frames carried by this frame, oldest first.</param>
    /// <param name="objects">Its objects; those with track id 0 are ignored.</param>
    /// <param name="attributes">Secondary classifiers' results, indexing <paramref name="objects"/>.</param>
    /// <param name="events">Receives the events, in order.</param>
    /// <param name="image">The frame's picture, for snapshots; null: no snapshot candidates from this frame.</param>
    public void Process(in AnalyticsFrame frame, ReadOnlySpan<PastObject> pastObjects, ReadOnlySpan<DetectedObject> objects, ReadOnlySpan<ObjectAttribute> attributes,
        List<AnalyticsEvent> events, Frame? image)
    {
        ArgumentNullException.ThrowIfNull(events);
        TimeSpan time = Advance(frame);
        if (frame.Width != _width || frame.Height != _height)
        {
            Resolve(frame.Width, frame.Height);
        }

        foreach (ref readonly PastObject past in pastObjects)
        {
            if (past.Observed && past.Tracked.TrackId != 0 && past.Before > TimeSpan.Zero)
            {
                See(past.Tracked, frame, time - past.Before, frame.Pts - past.Before, image: null, events, isPast: true);
            }
        }

        if (_byObject.Length < objects.Length)
        {
            _byObject = new TrackRecord?[Math.Max(objects.Length, _byObject.Length * 2)];
        }

        for (int i = 0; i < objects.Length; i++)
        {
            _byObject[i] = objects[i].TrackId == 0 ? null : See(objects[i], frame, time, frame.Pts, image, events, isPast: false);
        }

        foreach (ObjectAttribute a in attributes)
        {
            if ((uint)a.ObjectIndex < (uint)objects.Length && _byObject[a.ObjectIndex] is { } track)
            {
                track.Vote(a.ModelIndex, a.ClassId, a.Confidence);
            }
        }

        // Tracks not seen for the timeout end now, in id order.
        _ending.Clear();
        foreach (TrackRecord track in _tracks.Values)
        {
            if (time - track.LastSeen > _options.TrackTimeout)
            {
                _ending.Add(track);
            }
        }

        if (_ending.Count > 0)
        {
            _ending.Sort(static (a, b) => a.TrackId.CompareTo(b.TrackId));
            foreach (TrackRecord track in _ending)
            {
                EndTrack(track, ObjectEndReason.Lost, frame, time, events);
            }
        }

        if (_options.CountsInterval is { } every && time >= _nextCounts)
        {
            while (_nextCounts <= time)
            {
                _nextCounts += every;
            }

            events.Add(Counts(frame, time, isFinal: false));
        }

        _lastFrame = frame;
    }

    /// <summary>
    /// One sighting of a tracked object at <paramref name="time"/> (the frame's, or earlier for a past sighting): starts
    /// or updates its track and judges its lines and zones. Null when the sighting is ignored (the same id twice in one
    /// frame, or a past sighting not newer than what the track already saw).
    /// </summary>
    private TrackRecord? See(in DetectedObject o, in AnalyticsFrame frame, TimeSpan time, TimeSpan? pts, Frame? image, List<AnalyticsEvent> events, bool isPast)
    {
        bool isNew = false;
        if (!_tracks.TryGetValue(o.TrackId, out TrackRecord? track))
        {
            track = _spare.Count > 0 ? _spare.Pop() : new TrackRecord(_lines.Length, _zones.Length, _options.PathPoints);
            track.Begin(o.TrackId, time, frame);
            _tracks.Add(o.TrackId, track);
            isNew = true;
        }
        else if ((track.LastSequence == frame.Sequence && track.LastSeen == time) || (isPast && time <= track.LastSeen))
        {
            // The same id twice in one frame: the first one counts.
            return null;
        }

        // Ties are offered too: the recorder breaks them on box size, which the track's best ignores.
        bool asGoodAsBest = o.Confidence >= track.BestConfidence;
        track.Observe(o, AnchorOf(o.Box), time, frame, _options.SpeedWindow, _ground);
        if (asGoodAsBest && image is not null && _options.Snapshots is { } snapshots)
        {
            snapshots.Offer(_streamId, image, o);
        }

        if (isNew)
        {
            events.Add(new ObjectNewEvent { Id = EventIds.Format(_streamId, _epoch, track.TrackId, EventTypes.ObjectNew, 1), Object = Snapshot(track), StreamId = _streamId, Sequence = frame.Sequence, Pts = pts, StreamTime = time, WallTime = frame.WallTime });
        }

        JudgeLines(track, frame, time, pts, events);
        JudgeZones(track, frame, time, pts, events);
        if (!isNew && _options.ObjectUpdateInterval is { } interval && time - track.LastReported >= interval)
        {
            track.LastReported = time;
            track.Updates++;
            events.Add(new ObjectUpdateEvent { Id = EventIds.Format(_streamId, _epoch, track.TrackId, EventTypes.ObjectUpdate, track.Updates), Update = track.Updates, Object = Snapshot(track), StreamId = _streamId, Sequence = frame.Sequence, Pts = pts, StreamTime = time, WallTime = frame.WallTime });
        }

        return track;
    }

    /// <summary>
    /// Ends the stream: every live track ends (zone exits first, then object.end, in id order), then a final counts
    /// event. The instance starts over afterwards.
    /// </summary>
    public void End(List<AnalyticsEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_started)
        {
            return;
        }

        _ending.Clear();
        _ending.AddRange(_tracks.Values);
        _ending.Sort(static (a, b) => a.TrackId.CompareTo(b.TrackId));
        foreach (TrackRecord track in _ending)
        {
            EndTrack(track, ObjectEndReason.EndOfStream, _lastFrame, _time, events);
        }

        if (_options.CountsInterval is not null)
        {
            events.Add(Counts(_lastFrame, _time, isFinal: true));
        }

        _started = false;
        _reports = 0;
        Array.Clear(_zoneVisits);
        foreach (SortedDictionary<int, long> d in _lineIn)
        {
            d.Clear();
        }

        foreach (SortedDictionary<int, long> d in _lineOut)
        {
            d.Clear();
        }
    }

    private TimeSpan Advance(in AnalyticsFrame frame)
    {
        TimeSpan frameDuration = TimeSpan.FromSeconds(1 / _options.NominalFrameRate);
        if (!_started)
        {
            _started = true;
            _time = frame.Pts ?? frameDuration * frame.Sequence;
            if (_options.CountsInterval is { } every)
            {
                _nextCounts = _time + every;
            }
        }
        else if (frame.Pts is { } pts && _lastPts is { } last && pts >= last)
        {
            _time += pts - last;
        }
        else
        {
            // No PTS, or PTS restarted (an RTSP reconnect): the clock goes on by the sequence gap.
            _time += frameDuration * Math.Max(1, frame.Sequence - _lastSequence);
        }

        _lastPts = frame.Pts;
        _lastSequence = frame.Sequence;
        return _time;
    }

    private void Resolve(int width, int height)
    {
        _width = width;
        _height = height;
        for (int i = 0; i < _zones.Length; i++)
        {
            IReadOnlyList<Point2D> polygon = _zones[i].Polygon;
            for (int k = 0; k < polygon.Count; k++)
            {
                _zonePolygons[i][k] = ToPixels(polygon[k], _zones[i].Coordinates);
            }
        }

        for (int i = 0; i < _lines.Length; i++)
        {
            _lineA[i] = ToPixels(_lines[i].A, _lines[i].Coordinates);
            _lineB[i] = ToPixels(_lines[i].B, _lines[i].Coordinates);
        }

        if (_options.GroundPlane is { } plane)
        {
            if (plane.Matrix is { } m)
            {
                _ground = new Homography([.. m]);
            }
            else
            {
                var image = new Point2D[4];
                var ground = new Point2D[4];
                for (int k = 0; k < 4; k++)
                {
                    image[k] = ToPixels(plane.ImagePoints![k], plane.Coordinates);
                    ground[k] = plane.GroundPoints![k];
                }

                _ground = Homography.FromPoints(image, ground);
            }
        }
    }

    private Point2D ToPixels(Point2D p, CoordinateSpace space) =>
        space == CoordinateSpace.Normalized ? new Point2D(p.X * _width, p.Y * _height) : p;

    private Point2D AnchorOf(BoxF box) => _options.Anchor switch
    {
        AnchorPoint.Center => new Point2D(box.Left + (box.Width / 2), box.Top + (box.Height / 2)),
        AnchorPoint.TopCenter => new Point2D(box.Left + (box.Width / 2), box.Top),
        _ => new Point2D(box.Left + (box.Width / 2), box.Bottom),
    };

    private void JudgeLines(TrackRecord track, in AnalyticsFrame frame, TimeSpan time, TimeSpan? pts, List<AnalyticsEvent> events)
    {
        Point2D p = track.Anchor;
        for (int l = 0; l < _lines.Length; l++)
        {
            if (_lineClasses[l] is { } classes && !classes.Contains(track.ClassId))
            {
                continue;
            }

            double d = Geometry.SignedDistance(_lineA[l], _lineB[l], p);
            int side = track.LineSide[l];
            int now = Math.Sign(d);
            if (now == 0)
            {
                continue;
            }

            if (side == 0 || now == side)
            {
                // The first sighting sets the side without counting; later ones on the same side move the origin.
                track.LineSide[l] = (sbyte)now;
                track.LineLastPoint[l] = p;
                track.LineLastTime[l] = time;
                continue;
            }

            if (Math.Abs(d) < _hysteresis)
            {
                continue;
            }

            // Past the band on the other side: the side changes, and it is a crossing if the way here went through
            // the segment (not around one of its ends).
            Point2D from = track.LineLastPoint[l];
            TimeSpan fromTime = track.LineLastTime[l];
            track.LineSide[l] = (sbyte)now;
            track.LineLastPoint[l] = p;
            track.LineLastTime[l] = time;
            if (!Geometry.CrossesSegment(_lineA[l], _lineB[l], from, p))
            {
                continue;
            }

            // With sampled detection the two points can be far apart in time: the crossing happened where the way
            // between them cuts the line, moving at the pace it moved between them.
            TimeSpan at = Between(fromTime, time, Geometry.CrossingFraction(_lineA[l], _lineB[l], from, p));
            bool isIn = now > 0;
            LineRuleOptions line = _lines[l];
            SortedDictionary<int, long> counter = isIn ? _lineIn[l] : _lineOut[l];
            counter[track.ClassId] = counter.GetValueOrDefault(track.ClassId) + 1;
            int crossing = ++track.LineCrossings[l];
            events.Add(new LineCrossEvent
            {
                Id = EventIds.Format(_streamId, _epoch, track.TrackId, EventTypes.LineCross, line.Id, crossing),
                LineId = line.Id,
                Direction = isIn ? line.NameIn : line.NameOut,
                IsIn = isIn,
                Crossing = crossing,
                Object = Snapshot(track),
                StreamId = _streamId,
                Sequence = frame.Sequence,
                Pts = pts - (time - at),
                StreamTime = at,
                WallTime = frame.WallTime,
            });
        }
    }

    private void JudgeZones(TrackRecord track, in AnalyticsFrame frame, TimeSpan time, TimeSpan? pts, List<AnalyticsEvent> events)
    {
        Point2D p = track.Anchor;
        for (int z = 0; z < _zones.Length; z++)
        {
            if (_zoneClasses[z] is { } classes && !classes.Contains(track.ClassId))
            {
                continue;
            }

            ReadOnlySpan<Point2D> polygon = _zonePolygons[z];
            bool inside = Geometry.Contains(polygon, p);
            ZoneMembership state = track.ZoneState[z];
            ZoneRuleOptions zone = _zones[z];
            bool changes = state == ZoneMembership.Unknown || inside != (state == ZoneMembership.Inside);
            Point2D from = track.ZoneLastPoint[z];
            TimeSpan fromTime = track.ZoneLastTime[z];

            // The first sighting decides at once; later a side change needs the anchor clear of the edge.
            if (changes && (state == ZoneMembership.Unknown || _hysteresis <= 0 || Geometry.DistanceToEdge(polygon, p) >= _hysteresis))
            {
                track.ZoneLastPoint[z] = p;
                track.ZoneLastTime[z] = time;

                // The edge was passed where the way from the last point on the other side first cuts it.
                TimeSpan at = state == ZoneMembership.Unknown || Geometry.CutPolygon(polygon, from, p, out double first, out _) == 0
                    ? time
                    : Between(fromTime, time, first);
                if (inside)
                {
                    EnterZone(track, z, frame, time, at, pts - (time - at), events);
                }
                else
                {
                    track.ZoneState[z] = ZoneMembership.Outside;
                    if (state == ZoneMembership.Inside)
                    {
                        events.Add(ZoneExit(track, z, frame, at, pts - (time - at), at, ZoneExitReason.Left));
                    }
                }
            }
            else if (!changes)
            {
                track.ZoneLastPoint[z] = p;
                track.ZoneLastTime[z] = time;
                if (state == ZoneMembership.Outside && PassedThrough(polygon, from, p, out double into, out double outOf))
                {
                    // In and out between two sightings (a small zone, a sparse sample): a visit all the same.
                    TimeSpan entered = Between(fromTime, time, into);
                    TimeSpan left = Between(fromTime, time, outOf);
                    EnterZone(track, z, frame, time, entered, pts - (time - entered), events);
                    track.ZoneState[z] = ZoneMembership.Outside;
                    events.Add(ZoneExit(track, z, frame, left, pts - (time - left), left, ZoneExitReason.Left));
                }
            }

            if (track.ZoneState[z] == ZoneMembership.Inside && zone.LoiterAfter is { } after && !track.ZoneLoitered[z] && time - track.ZoneEntered[z] >= after)
            {
                track.ZoneLoitered[z] = true;
                int visit = track.ZoneVisits[z];
                events.Add(new ZoneLoiterEvent
                {
                    Id = EventIds.Format(_streamId, _epoch, track.TrackId, EventTypes.ZoneLoiter, zone.Id, visit),
                    ZoneId = zone.Id,
                    Visit = visit,
                    DwellSeconds = (time - track.ZoneEntered[z]).TotalSeconds,
                    ThresholdSeconds = after.TotalSeconds,
                    Object = Snapshot(track),
                    StreamId = _streamId,
                    Sequence = frame.Sequence,
                    Pts = pts,
                    StreamTime = time,
                    WallTime = frame.WallTime,
                });
            }
        }
    }

    private void EnterZone(TrackRecord track, int z, in AnalyticsFrame frame, TimeSpan time, TimeSpan at, TimeSpan? pts, List<AnalyticsEvent> events)
    {
        ZoneRuleOptions zone = _zones[z];
        track.ZoneState[z] = ZoneMembership.Inside;
        track.ZoneEntered[z] = time;
        track.ZoneEnteredAt[z] = at;
        track.ZoneLoitered[z] = false;
        int visit = ++track.ZoneVisits[z];
        _zoneVisits[z]++;
        events.Add(new ZoneEnterEvent { Id = EventIds.Format(_streamId, _epoch, track.TrackId, EventTypes.ZoneEnter, zone.Id, visit), ZoneId = zone.Id, Visit = visit, Object = Snapshot(track), StreamId = _streamId, Sequence = frame.Sequence, Pts = pts, StreamTime = at, WallTime = frame.WallTime });
    }

    /// <summary>
    /// True when the way from <paramref name="from"/> to <paramref name="to"/>, both outside, goes through the zone
    /// deeply enough to count (the middle of the stretch inside is inside by the hysteresis); gives the fractions of
    /// the way where it went in and out.
    /// </summary>
    private bool PassedThrough(ReadOnlySpan<Point2D> polygon, Point2D from, Point2D to, out double into, out double outOf)
    {
        if (Geometry.CutPolygon(polygon, from, to, out into, out outOf) < 2)
        {
            return false;
        }

        double middle = (into + outOf) / 2;
        var m = new Point2D((float)(from.X + (middle * (to.X - from.X))), (float)(from.Y + (middle * (to.Y - from.Y))));
        return Geometry.Contains(polygon, m) && (_hysteresis <= 0 || Geometry.DistanceToEdge(polygon, m) >= _hysteresis);
    }

    /// <summary>The time <paramref name="fraction"/> of the way from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static TimeSpan Between(TimeSpan from, TimeSpan to, double fraction) =>
        from + TimeSpan.FromTicks((long)Math.Round((to - from).Ticks * Math.Clamp(fraction, 0, 1)));

    private ZoneExitEvent ZoneExit(TrackRecord track, int z, in AnalyticsFrame frame, TimeSpan time, TimeSpan? pts, TimeSpan exitTime, ZoneExitReason reason)
    {
        string zoneId = _zones[z].Id;
        int visit = track.ZoneVisits[z];
        return new ZoneExitEvent
        {
            Id = EventIds.Format(_streamId, _epoch, track.TrackId, EventTypes.ZoneExit, zoneId, visit),
            ZoneId = zoneId,
            Visit = visit,
            DwellSeconds = (exitTime - track.ZoneEnteredAt[z]).TotalSeconds,
            Reason = reason,
            Object = Snapshot(track),
            StreamId = _streamId,
            Sequence = frame.Sequence,
            Pts = pts,
            StreamTime = time,
            WallTime = frame.WallTime,
        };
    }

    private void EndTrack(TrackRecord track, ObjectEndReason reason, in AnalyticsFrame frame, TimeSpan time, List<AnalyticsEvent> events)
    {
        for (int z = 0; z < _zones.Length; z++)
        {
            if (track.ZoneState[z] == ZoneMembership.Inside)
            {
                track.ZoneState[z] = ZoneMembership.Outside;
                events.Add(ZoneExit(track, z, frame, time, frame.Pts, track.LastSeen, ZoneExitReason.TrackEnded));
            }
        }

        events.Add(new ObjectEndEvent
        {
            Id = EventIds.Format(_streamId, _epoch, track.TrackId, EventTypes.ObjectEnd, 1),
            Reason = reason,
            FirstSeen = track.FirstSeen,
            FirstSeenWallTime = track.FirstWall,
            FirstSequence = track.FirstSequence,
            LastSeen = track.LastSeen,
            LastSeenWallTime = track.LastWall,
            LastSequence = track.LastSequence,
            Sightings = track.Sightings,
            Path = track.Path.ToSummary(),
            BestBox = track.BestBox,
            BestConfidence = track.BestConfidence,
            BestSequence = track.BestSequence,
            Attributes = Summarize(track),
            Snapshot = _options.Snapshots?.Complete(_streamId, track.TrackId),
            Object = Snapshot(track),
            StreamId = _streamId,
            Sequence = frame.Sequence,
            Pts = frame.Pts,
            StreamTime = time,
            WallTime = frame.WallTime,
        });

        _tracks.Remove(track.TrackId);
        _spare.Push(track);
    }

    private AttributeSummary[] Summarize(TrackRecord track)
    {
        if (track.Votes.Count == 0)
        {
            return [];
        }

        // Per model: the label with the most votes; ties go to the higher summed confidence, then the lower id.
        var best = new SortedDictionary<int, (AttributeVote Vote, int Observations)>();
        foreach (AttributeVote v in track.Votes)
        {
            if (!best.TryGetValue(v.Model, out (AttributeVote Vote, int Observations) current))
            {
                best[v.Model] = (v, v.Count);
                continue;
            }

            AttributeVote c = current.Vote;
            bool better = v.Count > c.Count || (v.Count == c.Count && (v.ConfidenceSum > c.ConfidenceSum || (v.ConfidenceSum == c.ConfidenceSum && v.ClassId < c.ClassId)));
            best[v.Model] = (better ? v : c, current.Observations + v.Count);
        }

        var summaries = new AttributeSummary[best.Count];
        int i = 0;
        foreach ((int model, (AttributeVote vote, int observations)) in best)
        {
            string? label = model < _options.AttributeLabels.Count && vote.ClassId >= 0 && vote.ClassId < _options.AttributeLabels[model].Count
                ? _options.AttributeLabels[model][vote.ClassId]
                : null;
            summaries[i++] = new AttributeSummary(model, vote.ClassId, label, (float)(vote.ConfidenceSum / vote.Count), vote.Count, observations);
        }

        return summaries;
    }

    private CountsEvent Counts(in AnalyticsFrame frame, TimeSpan time, bool isFinal)
    {
        var lines = new LineCounts[_lines.Length * 2];
        for (int l = 0; l < _lines.Length; l++)
        {
            lines[2 * l] = LineCount(l, isIn: true);
            lines[(2 * l) + 1] = LineCount(l, isIn: false);
        }

        var zones = new ZoneOccupancy[_zones.Length];
        for (int z = 0; z < _zones.Length; z++)
        {
            var byClass = new SortedDictionary<int, long>();
            int occupancy = 0;
            foreach (TrackRecord track in _tracks.Values)
            {
                if (track.ZoneState[z] == ZoneMembership.Inside)
                {
                    occupancy++;
                    byClass[track.ClassId] = byClass.GetValueOrDefault(track.ClassId) + 1;
                }
            }

            zones[z] = new ZoneOccupancy(_zones[z].Id, occupancy, _zoneVisits[z], ToClassCounts(byClass));
        }

        int report = ++_reports;
        return new CountsEvent
        {
            Id = EventIds.Format(_streamId, _epoch, 0, EventTypes.Counts, report),
            Report = report,
            IsFinal = isFinal,
            Lines = lines,
            Zones = zones,
            StreamId = _streamId,
            Sequence = frame.Sequence,
            Pts = frame.Pts,
            StreamTime = time,
            WallTime = frame.WallTime,
        };
    }

    private LineCounts LineCount(int l, bool isIn)
    {
        SortedDictionary<int, long> counter = isIn ? _lineIn[l] : _lineOut[l];
        long total = 0;
        foreach (long n in counter.Values)
        {
            total += n;
        }

        LineRuleOptions line = _lines[l];
        return new LineCounts(line.Id, isIn ? line.NameIn : line.NameOut, isIn, total, ToClassCounts(counter));
    }

    private ClassCount[] ToClassCounts(SortedDictionary<int, long> counts)
    {
        var result = new ClassCount[counts.Count];
        int i = 0;
        foreach ((int classId, long count) in counts)
        {
            result[i++] = new ClassCount(classId, ClassName(classId), count);
        }

        return result;
    }

    private ObjectSnapshot Snapshot(TrackRecord t)
    {
        BoxF box = t.Box;
        float w = Math.Max(t.FrameWidth, 1);
        float h = Math.Max(t.FrameHeight, 1);
        return new ObjectSnapshot(t.TrackId, t.ClassId, ClassName(t.ClassId), t.Confidence, box,
            new BoxF(box.Left / w, box.Top / h, box.Width / w, box.Height / h), t.Anchor, t.Ground, t.Speed, t.GroundSpeed);
    }

    private string ClassName(int classId)
    {
        if (classId >= 0 && classId < _options.ClassNames.Count)
        {
            return _options.ClassNames[classId];
        }

        if (!_classNames.TryGetValue(classId, out string? name))
        {
            name = classId.ToString(CultureInfo.InvariantCulture);
            _classNames.Add(classId, name);
        }

        return name;
    }
}

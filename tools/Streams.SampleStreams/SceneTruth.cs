namespace Streams.SampleStreams;

/// <summary>
/// Ground truth of a scene, computed from the simulation (never from pixels): MOTChallenge rows, per-object
/// attributes, line crossings and zone visits.
/// </summary>
public sealed class SceneTruth
{
    private SceneTruth(
        IReadOnlyList<GroundTruthRow> rows,
        IReadOnlyList<ObjectAttributes> attributes,
        IReadOnlyList<LineCrossing> crossings,
        IReadOnlyList<ZoneVisit> visits)
    {
        Rows = rows;
        Attributes = attributes;
        Crossings = crossings;
        ZoneVisits = visits;
    }

    /// <summary>One row per object per frame on which any of its box is inside the frame, ordered by frame, then id.</summary>
    public IReadOnlyList<GroundTruthRow> Rows { get; }

    /// <summary>Class and <c>marked</c> of every object that appears on screen, by id.</summary>
    public IReadOnlyList<ObjectAttributes> Attributes { get; }

    /// <summary>Every line crossing, ordered by frame, then line, then id.</summary>
    public IReadOnlyList<LineCrossing> Crossings { get; }

    /// <summary>Every zone visit, ordered by zone, then enter frame, then id.</summary>
    public IReadOnlyList<ZoneVisit> ZoneVisits { get; }

    /// <summary>How many crossings of <paramref name="lineId"/> went <paramref name="direction"/>, of one class or all.</summary>
    public int CountCrossings(string lineId, CrossingDirection direction, ObjectClass? objectClass = null)
    {
        int count = 0;
        foreach (LineCrossing c in Crossings)
        {
            if (c.LineId == lineId && c.Direction == direction && (objectClass is null || c.Class == objectClass))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Computes the ground truth of <paramref name="scene"/>.</summary>
    public static SceneTruth Compute(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        int width = scene.Width;
        int height = scene.Height;
        List<GroundTruthRow> rows = [];
        List<PixelBox> covers = [];
        HashSet<int> seen = [];

        for (int f = 0; f < scene.FrameCount; f++)
        {
            ReadOnlySpan<ObjectPlacement> placements = scene.PlacementsAt(f);
            for (int i = 0; i < placements.Length; i++)
            {
                (SceneObject obj, PixelBox box) = placements[i];
                PixelBox clipped = box.ClipTo(width, height);
                if (clipped.IsEmpty)
                {
                    continue;
                }

                // Objects later in draw order are on top and hide what they cover.
                covers.Clear();
                for (int j = i + 1; j < placements.Length; j++)
                {
                    PixelBox over = placements[j].Box.Intersect(clipped);
                    if (!over.IsEmpty)
                    {
                        covers.Add(over);
                    }
                }

                long visible = clipped.Area - Internal.CoveredArea.Of(clipped, covers);
                double visibility = (double)visible / box.Area;
                rows.Add(new GroundTruthRow(
                    f + 1, obj.Id, clipped.Left, clipped.Top, clipped.Width, clipped.Height,
                    visibility < GroundTruthRow.IgnoreBelowVisibility ? 0 : 1, (int)obj.Class + 1, visibility));
                seen.Add(obj.Id);
            }
        }

        List<ObjectAttributes> attributes = [];
        foreach (SceneObject obj in scene.Objects)
        {
            if (seen.Contains(obj.Id))
            {
                attributes.Add(new ObjectAttributes(obj.Id, obj.Class, ObjectClassInfo.Of(obj.Class).CanBeMarked ? obj.Marked : null));
            }
        }

        return new SceneTruth(rows, attributes, FindCrossings(scene), FindVisits(scene));
    }

    private static List<LineCrossing> FindCrossings(Scene scene)
    {
        List<LineCrossing> crossings = [];
        foreach (CountingLine line in scene.Lines)
        {
            // Per object: the last anchor seen off the line, and its side.
            Dictionary<int, (ScenePoint Point, int Side)> last = [];
            for (int f = 0; f < scene.FrameCount; f++)
            {
                foreach ((SceneObject obj, PixelBox box) in scene.PlacementsAt(f))
                {
                    ScenePoint anchor = box.BottomCenter;
                    int side = line.SideOf(anchor);
                    if (side == 0)
                    {
                        continue;
                    }

                    if (last.TryGetValue(obj.Id, out (ScenePoint Point, int Side) previous) && previous.Side != side
                        && line.TryGetCrossing(previous.Point, anchor, out CrossingDirection direction))
                    {
                        crossings.Add(new LineCrossing(line.Id, f + 1, obj.Id, obj.Class, direction));
                    }

                    last[obj.Id] = (anchor, side);
                }
            }
        }

        crossings.Sort(static (a, b) =>
        {
            int c = a.Frame.CompareTo(b.Frame);
            c = c != 0 ? c : string.CompareOrdinal(a.LineId, b.LineId);
            return c != 0 ? c : a.ObjectId.CompareTo(b.ObjectId);
        });
        return crossings;
    }

    private static List<ZoneVisit> FindVisits(Scene scene)
    {
        List<ZoneVisit> visits = [];
        foreach (SceneZone zone in scene.Zones)
        {
            // Per object inside the zone: the frame (1-based) it entered on.
            Dictionary<int, (int Enter, ObjectClass Class)> inside = [];
            HashSet<int> present = [];
            for (int f = 0; f < scene.FrameCount; f++)
            {
                present.Clear();
                foreach ((SceneObject obj, PixelBox box) in scene.PlacementsAt(f))
                {
                    if (zone.Contains(box.BottomCenter))
                    {
                        present.Add(obj.Id);
                        inside.TryAdd(obj.Id, (f + 1, obj.Class));
                    }
                }

                CloseVisits(zone.Id, inside, present, f + 1, visits);
            }

            foreach ((int id, (int enter, ObjectClass cls)) in inside)
            {
                visits.Add(new ZoneVisit(zone.Id, id, cls, enter, null));
            }
        }

        visits.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.ZoneId, b.ZoneId);
            c = c != 0 ? c : a.EnterFrame.CompareTo(b.EnterFrame);
            return c != 0 ? c : a.ObjectId.CompareTo(b.ObjectId);
        });
        return visits;
    }

    private static void CloseVisits(
        string zoneId, Dictionary<int, (int Enter, ObjectClass Class)> inside, HashSet<int> present, int frame, List<ZoneVisit> visits)
    {
        List<int>? gone = null;
        foreach ((int id, (int enter, ObjectClass cls)) in inside)
        {
            if (!present.Contains(id))
            {
                visits.Add(new ZoneVisit(zoneId, id, cls, enter, frame));
                (gone ??= []).Add(id);
            }
        }

        if (gone is not null)
        {
            foreach (int id in gone)
            {
                inside.Remove(id);
            }
        }
    }
}

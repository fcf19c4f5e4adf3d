using System.Diagnostics;
using Streams.SampleStreams.Internal;

namespace Streams.SampleStreams;

/// <summary>
/// A fully simulated scene: options, background, counting lines, zones and objects, with every object's true box on
/// every frame precomputed. Immutable and safe to share between threads.
/// </summary>
public sealed class Scene
{
    private readonly ObjectPlacement[][] _placements;

    internal Scene(
        string name,
        SceneOptions options,
        BackgroundLayout background,
        IReadOnlyList<CountingLine> lines,
        IReadOnlyList<SceneZone> zones,
        IReadOnlyList<SceneObject> objects)
    {
        options.EnsureValid();
        for (int i = 1; i < objects.Count; i++)
        {
            if (objects[i].Id <= objects[i - 1].Id)
            {
                throw new ArgumentException("objects must be in strictly ascending id order (the draw order)", nameof(objects));
            }
        }

        Name = name;
        Options = options;
        Background = background;
        Lines = lines;
        Zones = zones;
        Objects = objects;
        _placements = Simulate(options.FrameCount, objects);
    }

    /// <summary>The preset name, or the name given to a custom scene.</summary>
    public string Name { get; }

    /// <summary>The options the scene was made with.</summary>
    public SceneOptions Options { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width => Options.Width;

    /// <summary>Frame height in pixels.</summary>
    public int Height => Options.Height;

    /// <summary>The number of frames.</summary>
    public int FrameCount => Options.FrameCount;

    /// <summary>The counting lines, in rendered pixels.</summary>
    public IReadOnlyList<CountingLine> Lines { get; }

    /// <summary>The zones, in rendered pixels.</summary>
    public IReadOnlyList<SceneZone> Zones { get; }

    /// <summary>Every object, in ascending id, which is also the draw order (later on top).</summary>
    public IReadOnlyList<SceneObject> Objects { get; }

    internal BackgroundLayout Background { get; }

    /// <summary>
    /// A scene of hand-made objects on a plain background (luminance <paramref name="backgroundLuma"/>, no gradients or
    /// markings; noise per <see cref="SceneOptions.NoiseSigma"/>). Objects must come in ascending id.
    /// </summary>
    public static Scene Create(
        SceneOptions options,
        IReadOnlyList<SceneObject> objects,
        IReadOnlyList<CountingLine>? lines = null,
        IReadOnlyList<SceneZone>? zones = null,
        string name = "custom",
        double backgroundLuma = 110)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(objects);
        return new Scene(name, options, new BackgroundLayout { BaseLuma = backgroundLuma }, lines ?? [], zones ?? [], objects);
    }

    /// <summary>
    /// The objects that exist on frame index <paramref name="frame"/> (0-based) with their true, unclipped boxes, in
    /// draw order. Objects entirely outside the frame but still on their way are included.
    /// </summary>
    public ReadOnlySpan<ObjectPlacement> PlacementsAt(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        return _placements[frame];
    }

    private static ObjectPlacement[][] Simulate(int frameCount, IReadOnlyList<SceneObject> objects)
    {
        List<ObjectPlacement>[] perFrame = new List<ObjectPlacement>[frameCount];
        for (int f = 0; f < frameCount; f++)
        {
            perFrame[f] = [];
        }

        // Objects in id order, so each frame's list comes out in draw order.
        foreach (SceneObject obj in objects)
        {
            ObjectMotion motion = obj.Motion;
            int from = motion.IsStationary ? 0 : Math.Max(0, motion.StartFrame);
            long to = motion.IsStationary ? frameCount - 1 : Math.Min(frameCount - 1, (long)motion.StartFrame + motion.TravelFrames);
            for (int f = from; f <= to; f++)
            {
                if (obj.TryGetBox(f, out PixelBox box))
                {
                    perFrame[f].Add(new ObjectPlacement(obj, box));
                }
            }
        }

        ObjectPlacement[][] result = new ObjectPlacement[frameCount][];
        for (int f = 0; f < frameCount; f++)
        {
            result[f] = [.. perFrame[f]];
            Debug.Assert(IsDrawOrder(result[f]), "placements are in ascending id");
        }

        return result;
    }

    private static bool IsDrawOrder(ObjectPlacement[] placements)
    {
        for (int i = 1; i < placements.Length; i++)
        {
            if (placements[i].SceneObject.Id <= placements[i - 1].SceneObject.Id)
            {
                return false;
            }
        }

        return true;
    }
}

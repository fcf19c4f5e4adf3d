using System.Globalization;
using System.Text.Json;
using Streams.Evaluation;
using Streams.Runtime;

namespace Streams.Inference.Tests.Support;

/// <summary>
/// One committed sample stream (<c>sample-streams/&lt;name&gt;.mp4</c>) with what the generator wrote beside it: the
/// MOTChallenge ground truth by frame, the <c>marked</c> attribute of each car and truck, and the frame rate.
/// </summary>
internal sealed class SampleClip
{
    private readonly Dictionary<int, MotRow[]> _truthByFrame;

    private SampleClip(string name, string videoPath, double fps, int frameCount, Dictionary<int, MotRow[]> truthByFrame, IReadOnlyDictionary<long, bool> marked)
    {
        Name = name;
        VideoPath = videoPath;
        Fps = fps;
        FrameCount = frameCount;
        _truthByFrame = truthByFrame;
        Marked = marked;
    }

    /// <summary>The clip's name, e.g. <c>yard</c>.</summary>
    public string Name { get; }

    /// <summary>The MP4 file.</summary>
    public string VideoPath { get; }

    /// <summary>Frames per second (constant in the sample streams).</summary>
    public double Fps { get; }

    /// <summary>Frames in the clip.</summary>
    public int FrameCount { get; }

    /// <summary>Object id to whether it is marked, for the cars and trucks that have a 0 or 1 in the attributes file.</summary>
    public IReadOnlyDictionary<long, bool> Marked { get; }

    /// <summary>Loads the clip called <paramref name="name"/>.</summary>
    public static SampleClip Load(string name)
    {
        string folder = RepositoryRoot.Combine("sample-streams");
        using JsonDocument scene = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + ".scene.json")));
        double fps = scene.RootElement.GetProperty("fps").GetDouble();
        int frameCount = scene.RootElement.GetProperty("frameCount").GetInt32();
        Dictionary<int, MotRow[]> truth = MotFile.Read(Path.Combine(folder, name + ".gt.txt"))
            .GroupBy(row => row.Frame)
            .ToDictionary(group => group.Key, group => group.ToArray());
        return new SampleClip(name, Path.Combine(folder, name + ".mp4"), fps, frameCount, truth, ReadMarked(Path.Combine(folder, name + ".attributes.csv")));
    }

    /// <summary>The ground-truth rows of the frame at 0-based <paramref name="frameIndex"/> (MOTChallenge frame index + 1).</summary>
    public MotRow[] TruthOf(int frameIndex) => _truthByFrame.TryGetValue(frameIndex + 1, out MotRow[]? rows) ? rows : [];

    /// <summary>The 0-based index of a decoded frame in the clip, from its presentation time.</summary>
    /// <exception cref="InvalidOperationException">The frame carries no PTS.</exception>
    public int IndexOf(Frame frame)
    {
        TimeSpan pts = frame.Pts ?? throw new InvalidOperationException($"Frame {frame.Sequence} of {Name} has no PTS.");
        return (int)Math.Round(pts.TotalSeconds * Fps);
    }

    // id,class,marked with a header; marked is 0 or 1 for cars and trucks and empty otherwise. Only ids with a 0 or
    // 1 are taken.
    private static Dictionary<long, bool> ReadMarked(string path)
    {
        var marked = new Dictionary<long, bool>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] fields = line.Split(',');
            if (fields.Length >= 3 && fields[2].Trim() is "0" or "1")
            {
                marked[long.Parse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture)] = fields[2].Trim() == "1";
            }
        }

        return marked;
    }
}

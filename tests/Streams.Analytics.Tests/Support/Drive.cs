using Streams.Runtime;

namespace Streams.Analytics.Tests.Support;

/// <summary>
/// Runs a <see cref="StreamAnalytics"/> over scripted frames at 30 fps and collects its events. Its runs use the fixed
/// run epoch <see cref="Epoch"/> unless the options give one, so that the ids of two replays can be compared.
/// </summary>
internal static class Drive
{
    public const int Width = 1280;
    public const int Height = 720;

    /// <summary>The run epoch of <see cref="NewAnalytics"/> and <see cref="Run"/>: <see cref="Start"/> in Unix microseconds.</summary>
    public const long Epoch = 1_735_732_800_000_000;

    public static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The options with the fixed <see cref="Epoch"/>, unless they give their own.</summary>
    public static AnalyticsStageOptions Fixed(AnalyticsStageOptions? options) =>
        (options ?? AnalyticsStageOptions.Default) is { Epochs: null } o ? o with { Epochs = static _ => Epoch } : options!;

    /// <summary>The analytics of stream <paramref name="stream"/> with the fixed epoch, unless the options give one.</summary>
    public static StreamAnalytics NewAnalytics(AnalyticsStageOptions? options, string stream = "cam") => new(stream, Fixed(options));

    public static TimeSpan PtsOf(long frame) => TimeSpan.FromTicks(frame * TimeSpan.TicksPerSecond / 30);

    /// <summary>A box whose bottom centre (the default anchor) is at (x, y).</summary>
    public static DetectedObject At(float x, float y, long trackId, int classId = 2, float width = 40, float height = 30, float confidence = 0.9f) =>
        new(new BoxF(x - (width / 2), y - height, width, height), classId, confidence) { TrackId = trackId };

    /// <summary>Frames 0..count-1; the script gives each frame's objects. Ends the stream when asked.</summary>
    public static List<AnalyticsEvent> Run(AnalyticsStageOptions options, int count, Func<int, DetectedObject[]> script, bool end = true, string stream = "cam")
    {
        StreamAnalytics analytics = NewAnalytics(options, stream);
        var events = new List<AnalyticsEvent>();
        for (int f = 0; f < count; f++)
        {
            var frame = new AnalyticsFrame(f, PtsOf(f), Start + PtsOf(f), Width, Height);
            analytics.Process(frame, script(f), [], events);
        }

        if (end)
        {
            analytics.End(events);
        }

        return events;
    }

    /// <summary>"sequence id" per event, ids as <see cref="Show"/> writes them, for exact comparisons.</summary>
    public static string[] Describe(IEnumerable<AnalyticsEvent> events)
    {
        var list = new List<string>();
        foreach (AnalyticsEvent e in events)
        {
            list.Add($"{e.Sequence} {Show(e.Id)}");
        }

        return [.. list];
    }

    /// <summary>The id with its epoch written <c>E</c> when it is <see cref="Epoch"/>, and as it is otherwise.</summary>
    public static string Show(string id)
    {
        int first = id.IndexOf(':', StringComparison.Ordinal);
        int second = first < 0 ? -1 : id.IndexOf(':', first + 1);
        return second > 0 && id.AsSpan(first + 1, second - first - 1).SequenceEqual(Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ? string.Concat(id.AsSpan(0, first + 1), "E", id.AsSpan(second))
            : id;
    }

    public static List<T> OfType<T>(IEnumerable<AnalyticsEvent> events)
    {
        var list = new List<T>();
        foreach (AnalyticsEvent e in events)
        {
            if (e is T t)
            {
                list.Add(t);
            }
        }

        return list;
    }
}

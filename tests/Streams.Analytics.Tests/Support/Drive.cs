using Streams.Runtime;

namespace Streams.Analytics.Tests.Support;

/// <summary>Runs a <see cref="StreamAnalytics"/> over scripted frames at 30 fps and collects its events.</summary>
internal static class Drive
{
    public const int Width = 1280;
    public const int Height = 720;
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static TimeSpan PtsOf(long frame) => TimeSpan.FromTicks(frame * TimeSpan.TicksPerSecond / 30);

    /// <summary>A box whose bottom centre (the default anchor) is at (x, y).</summary>
    public static DetectedObject At(float x, float y, long trackId, int classId = 2, float width = 40, float height = 30, float confidence = 0.9f) =>
        new(new BoxF(x - (width / 2), y - height, width, height), classId, confidence) { TrackId = trackId };

    /// <summary>Frames 0..count-1; the script gives each frame's objects. Ends the stream when asked.</summary>
    public static List<AnalyticsEvent> Run(AnalyticsStageOptions options, int count, Func<int, DetectedObject[]> script, bool end = true, string stream = "cam")
    {
        var analytics = new StreamAnalytics(stream, options);
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

    /// <summary>"type id" per event, for exact comparisons.</summary>
    public static string[] Describe(IEnumerable<AnalyticsEvent> events)
    {
        var list = new List<string>();
        foreach (AnalyticsEvent e in events)
        {
            list.Add($"{e.Sequence} {e.Id}");
        }

        return [.. list];
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

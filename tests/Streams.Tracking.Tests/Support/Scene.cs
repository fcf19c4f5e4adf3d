using Streams.Runtime;

namespace Streams.Tracking.Tests.Support;

/// <summary>Shorthands for crafted detections.</summary>
internal static class Scene
{
    public const int Person = 0;
    public const int Car = 2;

    public static DetectedObject Det(float left, float top, float width, float height, int classId = Car, float confidence = 0.9f) =>
        new(new BoxF(left, top, width, height), classId, confidence);

    /// <summary>Runs the tracker over frames 0..n-1 (or the given frame numbers) and returns each frame's ids in detection order.</summary>
    public static List<long[]> Run(ByteTracker tracker, IEnumerable<(long Frame, DetectedObject[] Detections)> frames)
    {
        var ids = new List<long[]>();
        foreach ((long frame, DetectedObject[] detections) in frames)
        {
            tracker.Update(detections, frame);
            var row = new long[detections.Length];
            for (int i = 0; i < detections.Length; i++)
            {
                row[i] = detections[i].TrackId;
            }

            ids.Add(row);
        }

        return ids;
    }
}

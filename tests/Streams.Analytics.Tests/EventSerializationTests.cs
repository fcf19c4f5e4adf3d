using System.Text.Json;
using Streams.Runtime;

namespace Streams.Analytics.Tests;

[Trait("Tier", "Unit")]
public sealed class EventSerializationTests
{
    [Fact]
    public void Events_serialize_with_a_type_discriminator_and_read_back_as_their_type()
    {
        AnalyticsEvent e = new ZoneExitEvent
        {
            Id = "cam:1735732800000000:1:zone.exit/dock:1",
            StreamId = "cam",
            Sequence = 81,
            Pts = TimeSpan.FromSeconds(2.7),
            StreamTime = TimeSpan.FromSeconds(2.7),
            WallTime = new DateTimeOffset(2025, 1, 1, 12, 0, 2, TimeSpan.Zero),
            ZoneId = "dock",
            Visit = 1,
            DwellSeconds = 2.5,
            Reason = ZoneExitReason.TrackEnded,
            Object = new ObjectSnapshot(1, 2, "car", 0.9f, new BoxF(1, 2, 3, 4), new BoxF(0.1f, 0.2f, 0.3f, 0.4f), new Point2D(2.5f, 6), null, 12.5, null),
        };

        string json = JsonSerializer.Serialize(e);
        AnalyticsEvent back = JsonSerializer.Deserialize<AnalyticsEvent>(json)!;

        Assert.StartsWith("{\"type\":\"zone.exit\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Reason\":\"TrackEnded\"", json, StringComparison.Ordinal);
        ZoneExitEvent exit = Assert.IsType<ZoneExitEvent>(back);
        Assert.Equal((e.Id, 81L, "dock", 2.5, ZoneExitReason.TrackEnded), (exit.Id, exit.Sequence, exit.ZoneId, exit.DwellSeconds, exit.Reason));
        Assert.Equal(((ZoneExitEvent)e).Object, exit.Object);
    }
}

using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

public sealed class EventIdTests
{
    private static List<AnalyticsEvent> Scene() => Run(
        new AnalyticsStageOptions
        {
            Lines = [new LineRuleOptions { Id = "gate", A = new(500, 600), B = new(500, 100) }],
            Zones = [new ZoneRuleOptions { Id = "dock", Polygon = [new(100, 100), new(600, 100), new(600, 300), new(100, 300)], LoiterAfter = TimeSpan.FromSeconds(0.5) }],
            CountsInterval = TimeSpan.FromSeconds(1),
        },
        120,
        f => [At(50 + (5 * f), 200, 1), At(700 - (5 * f), 250, 2), At(300, 200 + (f % 60), 3)]);

    [Fact]
    public void A_replay_of_the_same_frames_gives_the_same_event_ids()
    {
        Assert.Equal(Describe(Scene()), Describe(Scene()));
    }

    [Fact]
    public void Event_ids_are_unique()
    {
        List<AnalyticsEvent> events = Scene();
        var ids = new HashSet<string>();
        foreach (AnalyticsEvent e in events)
        {
            Assert.True(ids.Add(e.Id), e.Id);
        }

        Assert.True(events.Count > 10);
    }

    [Fact]
    public void Uuids_are_rfc_version_5()
    {
        // The RFC's well-known example: uuid5(NAMESPACE_DNS, "python.org").
        Guid dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), EventIds.ToUuid("python.org", dns));
        Assert.Equal(EventIds.ToUuid("cam:1:object.new:1"), EventIds.ToUuid("cam:1:object.new:1"));
        Assert.NotEqual(EventIds.ToUuid("cam:1:object.new:1"), EventIds.ToUuid("cam:2:object.new:1"));
        Assert.Equal('5', EventIds.ToUuid("cam:1:object.new:1").ToString()[14]);
    }

    [Fact]
    public void Ids_name_stream_track_rule_and_occurrence()
    {
        Assert.Equal("cam:7:object.update:3", EventIds.Format("cam", 7, EventTypes.ObjectUpdate, 3));
        Assert.Equal("cam:7:zone.enter/dock:2", EventIds.Format("cam", 7, EventTypes.ZoneEnter, "dock", 2));
    }
}

using System.Globalization;
using System.Threading.Channels;
using Streams.Analytics.Tests.Support;
using Streams.Runtime;
using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

[Trait("Tier", "Unit")]
public sealed class EventIdTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static AnalyticsStageOptions SceneRules(Func<string, long>? epochs) => new()
    {
        Lines = [new LineRuleOptions { Id = "gate", Points = [new(500, 600), new(500, 100)] }],
        Zones = [new ZoneRuleOptions { Id = "dock", Polygon = [new(100, 100), new(600, 100), new(600, 300), new(100, 300)], LoiterAfter = TimeSpan.FromSeconds(0.5) }],
        CountsInterval = TimeSpan.FromSeconds(1),
        Epochs = epochs,
    };

    private static List<AnalyticsEvent> Scene(Func<string, long>? epochs = null) => Run(
        SceneRules(epochs ?? (static _ => Epoch)),
        120,
        f => [At(50 + (5 * f), 200, 1), At(700 - (5 * f), 250, 2), At(300, 200 + (f % 60), 3)]);

    /// <summary>The scene with the epochs <see cref="EventIds.NextEpoch()"/> gives, as a run of the pipeline does.</summary>
    private static List<AnalyticsEvent> SceneInANewRun() => Scene(static _ => EventIds.NextEpoch());

    private static string EpochOf(string id) => id.Split(':')[1];

    [Fact]
    public void A_replay_of_the_same_frames_with_the_same_epoch_gives_the_same_event_ids()
    {
        Assert.Equal(Describe(Scene()), Describe(Scene()));
    }

    [Fact]
    public void Two_runs_of_the_same_frames_give_disjoint_ids_because_each_run_has_its_own_epoch()
    {
        // Track numbers and occurrence counts restart with each run, so without the epoch these would be equal.
        List<AnalyticsEvent> first = SceneInANewRun();
        List<AnalyticsEvent> second = SceneInANewRun();

        var firstIds = first.Select(static e => e.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(second.Where(e => firstIds.Contains(e.Id)).Select(static e => e.Id));
        Assert.Equal(first.Count, second.Count);
        Assert.Single(first.Select(static e => EpochOf(e.Id)).Distinct());
        Assert.Single(second.Select(static e => EpochOf(e.Id)).Distinct());
    }

    [Fact]
    public void A_stream_created_without_a_fixed_epoch_takes_a_new_one_from_the_clock()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var analytics = new StreamAnalytics("cam", new AnalyticsStageOptions { CountsInterval = null });
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var events = new List<AnalyticsEvent>();
        analytics.Process(new AnalyticsFrame(0, TimeSpan.Zero, Start, Width, Height), [At(10, 10, 1)], [], events);
        Assert.Equal($"cam:{analytics.Epoch.ToString(CultureInfo.InvariantCulture)}:1:object.new:1", Assert.Single(events).Id);

        // Another run in this process made the epoch strictly greater than its clock reading at most by a few steps.
        Assert.InRange(analytics.Epoch / 1000, before, after + 1);
    }

    [Fact]
    public void Epochs_increase_strictly_within_the_process_even_when_the_clock_goes_back()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        long first = EventIds.NextEpoch(now);
        long sameMillisecond = EventIds.NextEpoch(now);
        long clockBack = EventIds.NextEpoch(now - TimeSpan.FromDays(1));

        Assert.True(sameMillisecond > first, $"{sameMillisecond} after {first}");
        Assert.True(clockBack > sameMillisecond, $"{clockBack} after {sameMillisecond}");
        Assert.InRange(first / 1000, now.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds() + 1);
    }

    [Fact]
    public void Event_ids_within_a_run_are_unique()
    {
        List<AnalyticsEvent> events = SceneInANewRun();
        var ids = new HashSet<string>();
        foreach (AnalyticsEvent e in events)
        {
            Assert.True(ids.Add(e.Id), e.Id);
        }

        Assert.True(events.Count > 10);
    }

    [Fact]
    public async Task A_stream_removed_and_added_again_gets_a_new_epoch_so_its_restarted_tracks_make_new_ids()
    {
        var publisher = new ChannelEventPublisher();
        var firstOfRun = Channel.CreateUnbounded<string>();
        var received = new List<AnalyticsEvent>();
        Task reader = Task.Run(async () =>
        {
            await foreach (AnalyticsEvent e in publisher.Reader.ReadAllAsync())
            {
                received.Add(e);
                if (e.Type == EventTypes.ObjectNew)
                {
                    firstOfRun.Writer.TryWrite(e.Id);
                }
            }
        });

        var pool = new FramePool();
        var analytics = new AnalyticsStage(new AnalyticsStageOptions { CountsInterval = null, ObjectUpdateInterval = null }, publisher);
        await using (Pipeline pipeline = PipelineBuilder.Create(new PipelineSettings { FramePool = pool, CompleteWhenStreamsEnd = false })
            .Then(analytics)
            .Build())
        {
            // An endless source whose track 1 is back with every run, as the tracker numbers a new run's tracks from 1.
            StreamSpec Spec() => new("cam", "test", new ScriptedSource(int.MaxValue, (i, f) =>
                f.Objects.Add(new DetectedObject(new BoxF(100, 100, 40, 30), 2, 0.9f) { TrackId = 1 })), EdgeOptions.Default);

            pipeline.AddStream(Spec());
            pipeline.Start();
            string firstRun = await firstOfRun.Reader.ReadAsync().AsTask().WaitAsync(s_wait);
            Assert.True(await pipeline.RemoveStreamAsync("cam").WaitAsync(s_wait));

            pipeline.AddStream(Spec());
            string secondRun = await firstOfRun.Reader.ReadAsync().AsTask().WaitAsync(s_wait);
            Assert.True(await pipeline.RemoveStreamAsync("cam").WaitAsync(s_wait));
            await pipeline.StopAsync(new CancellationTokenSource(s_wait).Token);

            Assert.NotEqual(EpochOf(firstRun), EpochOf(secondRun));
            Assert.Equal(("cam", "1", "object.new", "1"), Parts(firstRun));
            Assert.Equal(("cam", "1", "object.new", "1"), Parts(secondRun));
            Assert.True(long.Parse(EpochOf(secondRun), CultureInfo.InvariantCulture) > long.Parse(EpochOf(firstRun), CultureInfo.InvariantCulture));
        }

        publisher.Complete();
        await reader.WaitAsync(s_wait);

        // Each run ended its track at its removal: two object.new and two object.end under two epochs, no id twice.
        Assert.Equal(4, received.Count);
        Assert.Equal(received.Count, received.Select(static e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.True(pool.GetStatistics().IsBalanced);

        static (string Stream, string Track, string Rule, string N) Parts(string id)
        {
            string[] parts = id.Split(':');
            return (parts[0], parts[2], parts[3], parts[4]);
        }
    }

    [Fact]
    public void Uuids_are_rfc_version_5()
    {
        // The RFC's well-known example: uuid5(NAMESPACE_DNS, "python.org").
        Guid dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), EventIds.ToUuid("python.org", dns));
        Assert.Equal(EventIds.ToUuid("cam:1:1:object.new:1"), EventIds.ToUuid("cam:1:1:object.new:1"));
        Assert.NotEqual(EventIds.ToUuid("cam:1:1:object.new:1"), EventIds.ToUuid("cam:2:1:object.new:1"));
        Assert.Equal('5', EventIds.ToUuid("cam:1:1:object.new:1").ToString()[14]);
    }

    [Fact]
    public void Ids_name_stream_epoch_track_rule_and_occurrence()
    {
        Assert.Equal("cam:1735732800000123:7:object.update:3", EventIds.Format("cam", 1_735_732_800_000_123, 7, EventTypes.ObjectUpdate, 3));
        Assert.Equal("cam:1735732800000123:7:zone.enter/dock:2", EventIds.Format("cam", 1_735_732_800_000_123, 7, EventTypes.ZoneEnter, "dock", 2));
    }
}

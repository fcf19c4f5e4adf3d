namespace Streams.SampleStreams.Tests;

[Trait("Tier", "Unit")]
public sealed class LineAndZoneTests
{
    // Points up the image: moving left to right crosses it "in".
    private static readonly CountingLine s_line = new("gate", new ScenePoint(200, 300), new ScenePoint(200, 100));

    [Fact]
    public void A_path_over_the_line_and_back_counts_one_in_and_one_out()
    {
        // Centre y 190, height 20: the anchor (bottom centre) runs along y 200, inside the segment.
        ObjectPath there = ObjectPath.Polyline(new ScenePoint(100, 190), new ScenePoint(300, 190), new ScenePoint(100, 190));
        SceneObject car = new(1, ObjectClass.Car, 40, 20, new Rgb(40, 90, 210), new ObjectMotion(there, 10, 0));
        Scene scene = Scene.Create(TestScenes.Crafted(45), [car], [s_line]);

        SceneTruth truth = SceneTruth.Compute(scene);

        Assert.Equal(1, truth.CountCrossings("gate", CrossingDirection.In));
        Assert.Equal(1, truth.CountCrossings("gate", CrossingDirection.Out));
        Assert.Equal(1, truth.CountCrossings("gate", CrossingDirection.In, ObjectClass.Car));
        Assert.Equal(0, truth.CountCrossings("gate", CrossingDirection.In, ObjectClass.Truck));
        // The anchor x is the box's left + 20: left = centre - 20 = 100 + 10t - 20, so anchor = 100 + 10t; it passes
        // 200 between t = 10 and t = 11 (first frame on the right: index 11, frame 12), and back between 30 and 31.
        Assert.Equal([(12, CrossingDirection.In), (32, CrossingDirection.Out)], truth.Crossings.Select(static c => (c.Frame, c.Direction)));
    }

    [Fact]
    public void A_path_past_the_end_of_the_segment_is_not_counted()
    {
        ObjectPath below = ObjectPath.Polyline(new ScenePoint(100, 340), new ScenePoint(300, 340));
        SceneObject car = new(1, ObjectClass.Car, 40, 20, new Rgb(40, 90, 210), new ObjectMotion(below, 10, 0));
        SceneTruth truth = SceneTruth.Compute(Scene.Create(TestScenes.Crafted(25), [car], [s_line]));
        Assert.Empty(truth.Crossings);
    }

    [Fact]
    public void Stopping_exactly_on_the_line_counts_once()
    {
        // The anchor reaches x = 200 at arc 100 and waits there for 5 frames before going on.
        ObjectPath path = ObjectPath.Polyline(new ScenePoint(100, 190), new ScenePoint(320, 190));
        SceneObject car = new(1, ObjectClass.Car, 40, 20, new Rgb(40, 90, 210), new ObjectMotion(path, 10, 0, DwellAt: 100, DwellFrames: 5));
        SceneTruth truth = SceneTruth.Compute(Scene.Create(TestScenes.Crafted(30), [car], [s_line]));
        LineCrossing crossing = Assert.Single(truth.Crossings);
        Assert.Equal(CrossingDirection.In, crossing.Direction);
    }

    [Fact]
    public void The_direction_convention_is_left_of_a_to_b_into_its_right()
    {
        CountingLine down = new("down", new ScenePoint(0, 0), new ScenePoint(0, 10));
        // Walking down the image from A to B, the left hand points to +x.
        Assert.Equal(-1, down.SideOf(new ScenePoint(5, 5)));
        Assert.Equal(1, down.SideOf(new ScenePoint(-5, 5)));
        Assert.True(down.TryGetCrossing(new ScenePoint(5, 5), new ScenePoint(-5, 5), out CrossingDirection d));
        Assert.Equal(CrossingDirection.In, d);
        Assert.True(s_line.TryGetCrossing(new ScenePoint(150, 200), new ScenePoint(250, 200), out d));
        Assert.Equal(CrossingDirection.In, d);
    }

    [Fact]
    public void Zone_visits_record_the_first_frame_inside_and_the_first_frame_outside()
    {
        SceneZone zone = new("bay", [new(200, 0), new(300, 0), new(300, 360), new(200, 360)]);
        ObjectPath path = ObjectPath.Polyline(new ScenePoint(100, 100), new ScenePoint(400, 100));
        SceneObject through = new(1, ObjectClass.Person, 20, 40, new Rgb(210, 40, 40), new ObjectMotion(path, 10, 0));
        SceneObject stays = TestScenes.Parked(2, ObjectClass.Truck, 250, 200, 100, 40);
        SceneTruth truth = SceneTruth.Compute(Scene.Create(TestScenes.Crafted(40), [through, stays], zones: [zone]));

        // Anchor x = 100 + 10t is inside for 200 <= x < 300 (the even-odd test keeps the left edge and drops the
        // right one): t = 10..19, frames 11..20; outside again on frame 21.
        Assert.Equal(
            [new ZoneVisit("bay", 1, ObjectClass.Person, 11, 21), new ZoneVisit("bay", 2, ObjectClass.Truck, 1, null)],
            truth.ZoneVisits.OrderBy(static v => v.ObjectId));
        Assert.Equal(40, truth.ZoneVisits.Single(static v => v.ObjectId == 2).FramesInside(40));
    }
}

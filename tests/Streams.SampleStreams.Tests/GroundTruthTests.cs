namespace Streams.SampleStreams.Tests;

[Trait("Tier", "Unit")]
public sealed class GroundTruthTests
{
    [Theory]
    [MemberData(nameof(TestScenes.Presets), MemberType = typeof(TestScenes))]
    public void Ground_truth_boxes_are_clipped_to_the_frame_and_never_empty(string preset)
    {
        Scene scene = TestScenes.Generate(preset);
        SceneTruth truth = SceneTruth.Compute(scene);
        Assert.NotEmpty(truth.Rows);
        foreach (GroundTruthRow row in truth.Rows)
        {
            Assert.True(row.Left >= 0 && row.Top >= 0 && row.Width > 0 && row.Height > 0, row.Format());
            Assert.True(row.Left + row.Width <= scene.Width && row.Top + row.Height <= scene.Height, row.Format());
            Assert.InRange(row.Visibility, 0, 1);
            Assert.Equal(row.Visibility < 0.25 ? 0 : 1, row.Conf);
            Assert.InRange(row.Frame, 1, scene.FrameCount);
        }
    }

    [Fact]
    public void Visibility_counts_frame_clipping_and_only_objects_drawn_later()
    {
        SceneObject[] objects =
        [
            // 1: 40x20 at (100,100); its right half is under 2, drawn later.
            TestScenes.Parked(1, ObjectClass.Car, 120, 110, 40, 20),
            TestScenes.Parked(2, ObjectClass.Person, 130, 110, 20, 20),
            // 3: 40x40 with 30 columns left of the frame: 10/40 visible, just kept (conf 1).
            TestScenes.Parked(3, ObjectClass.Truck, -10, 200, 40, 40),
            // 4: 20x10 at (300,50), 80% under 5.
            TestScenes.Parked(4, ObjectClass.Bicycle, 310, 55, 20, 10),
            TestScenes.Parked(5, ObjectClass.Car, 312, 55, 16, 10),
            // 6: 40x10 at (400,300) under 7 (x 400..420) and 8 (x 410..430), which overlap: 30 columns hidden once.
            TestScenes.Parked(6, ObjectClass.Truck, 420, 305, 40, 10),
            TestScenes.Parked(7, ObjectClass.Person, 410, 305, 20, 10),
            TestScenes.Parked(8, ObjectClass.Person, 420, 305, 20, 10),
            // 9: entirely left of the frame: no row at all.
            TestScenes.Parked(9, ObjectClass.Car, -100, 100, 40, 20),
        ];
        SceneTruth truth = SceneTruth.Compute(Scene.Create(TestScenes.Crafted(2), objects));

        GroundTruthRow[] frame1 = [.. truth.Rows.Where(static r => r.Frame == 1)];
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], frame1.Select(static r => r.Id));
        Assert.Equal(0.5, Row(frame1, 1).Visibility, 6);
        Assert.Equal(1.0, Row(frame1, 2).Visibility, 6);
        Assert.Equal(0.25, Row(frame1, 3).Visibility, 6);
        Assert.Equal(new PixelBox(0, 180, 10, 40), Row(frame1, 3).Box);
        Assert.Equal(1, Row(frame1, 3).Conf);
        Assert.Equal(0.2, Row(frame1, 4).Visibility, 6);
        Assert.Equal(0, Row(frame1, 4).Conf);
        Assert.Equal(0.25, Row(frame1, 6).Visibility, 6);
        Assert.Equal(0.5, Row(frame1, 7).Visibility, 6);
        Assert.Equal(1.0, Row(frame1, 8).Visibility, 6);
        Assert.Equal("1,3,0,180,10,40,1,4,0.25", Row(frame1, 3).Format());
    }

    [Theory]
    [MemberData(nameof(TestScenes.Presets), MemberType = typeof(TestScenes))]
    public void Objects_keep_their_id_class_and_size_on_every_frame_they_are_on_screen(string preset)
    {
        Scene scene = TestScenes.Generate(preset);
        SceneTruth truth = SceneTruth.Compute(scene);
        foreach (IGrouping<int, GroundTruthRow> track in truth.Rows.GroupBy(static r => r.Id))
        {
            GroundTruthRow[] rows = [.. track.OrderBy(static r => r.Frame)];
            SceneObject obj = scene.Objects.Single(o => o.Id == track.Key);
            for (int i = 0; i < rows.Length; i++)
            {
                Assert.Equal((int)obj.Class + 1, rows[i].ClassNumber);
                Assert.True(rows[i].Width <= obj.Width && rows[i].Height <= obj.Height);
                if (i > 0)
                {
                    // Paths enter and leave once: an object never vanishes and comes back.
                    Assert.Equal(rows[i - 1].Frame + 1, rows[i].Frame);
                }
            }
        }

        Assert.Equal(truth.Attributes.Count, truth.Rows.Select(static r => r.Id).Distinct().Count());
    }

    [Fact]
    public void An_object_stays_in_the_ground_truth_while_it_dwells()
    {
        ObjectPath path = ObjectPath.Polyline(new ScenePoint(-30, 100), new ScenePoint(700, 100));
        SceneObject car = new(1, ObjectClass.Car, 40, 20, new Rgb(40, 90, 210), new ObjectMotion(path, 10, 0, DwellAt: 230, DwellFrames: 8));
        SceneTruth truth = SceneTruth.Compute(Scene.Create(TestScenes.Crafted(40), [car]));

        // Reaches x = 200 (arc 230) on frame index 23 and waits 8 frames there.
        GroundTruthRow[] parked = [.. truth.Rows.Where(static r => r.Left == 180)];
        Assert.Equal(9, parked.Length);
        // Frame indices 0 and 1 have the box wholly left of the frame: no rows there.
        Assert.Equal(38, truth.Rows.Count);
    }

    [Fact]
    public void Rows_and_attributes_round_trip_through_their_text_form()
    {
        GroundTruthRow row = new(12, 7, 0, 33, 54, 20, 0, 3, 0.1234);
        Assert.True(GroundTruthRow.TryParse(row.Format(), out GroundTruthRow parsed));
        Assert.Equal(row, parsed);
        Assert.Equal(ObjectClass.Car, parsed.Class);
        Assert.False(GroundTruthRow.TryParse("1,2,3", out _));

        ObjectAttributes car = new(4, ObjectClass.Car, true);
        ObjectAttributes person = new(5, ObjectClass.Person, null);
        Assert.Equal("4,car,1", car.Format());
        Assert.Equal("5,person,", person.Format());
        Assert.True(ObjectAttributes.TryParse(person.Format(), out ObjectAttributes? back));
        Assert.Equal(person, back);
    }

    [Theory]
    [MemberData(nameof(TestScenes.Presets), MemberType = typeof(TestScenes))]
    public void Attributes_give_marked_for_cars_and_trucks_only(string preset)
    {
        SceneTruth truth = SceneTruth.Compute(SceneGenerator.Generate(ScenePreset.Find(preset)!, ScenePreset.Find(preset)!.Defaults));
        Assert.All(truth.Attributes, a => Assert.Equal(a.Class is ObjectClass.Car or ObjectClass.Truck, a.Marked is not null));
        Assert.Contains(truth.Attributes, static a => a.Marked == true);
        Assert.Contains(truth.Attributes, static a => a.Marked == false);
    }

    private static GroundTruthRow Row(GroundTruthRow[] rows, int id) => rows.Single(r => r.Id == id);
}

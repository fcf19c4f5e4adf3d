using static Streams.Analytics.Tests.Support.Drive;

namespace Streams.Analytics.Tests;

[Trait("Tier", "Unit")]
public sealed class SpeedTests
{
    [Fact]
    public void Speed_is_the_anchor_displacement_per_second_over_the_window()
    {
        // 3 px/frame at 30 fps = 90 px/s; with a ground plane of 0.1 m per pixel, 9 m/s.
        var options = new AnalyticsStageOptions
        {
            ObjectUpdateInterval = TimeSpan.FromSeconds(1),
            CountsInterval = null,
            GroundPlane = new GroundPlaneOptions
            {
                ImagePoints = [new(0, 0), new(100, 0), new(100, 100), new(0, 100)],
                GroundPoints = [new(0, 0), new(10, 0), new(10, 10), new(0, 10)],
            },
        };

        List<AnalyticsEvent> events = Run(options, 61, f => [At(100 + (3 * f), 400, 1)], end: false);

        ObjectSnapshot first = Assert.IsType<ObjectNewEvent>(events[0]).Object;
        Assert.Null(first.SpeedPixelsPerSecond);
        ObjectSnapshot later = Assert.IsType<ObjectUpdateEvent>(events[^1]).Object;
        Assert.Equal(90, later.SpeedPixelsPerSecond!.Value, 3);
        Assert.Equal(9, later.SpeedMetersPerSecond!.Value, 3);
        Assert.Equal(new Point2D(28, 40), later.GroundPosition);
    }

    [Fact]
    public void A_homography_from_four_point_pairs_reproduces_a_perspective_mapping()
    {
        var truth = new Homography([0.02, 0.004, -3, 0.001, 0.05, -4, 0.00002, 0.0008, 1]);
        Point2D[] image = [new(200, 300), new(1100, 320), new(1250, 700), new(50, 690)];
        var ground = new Point2D[4];
        for (int i = 0; i < 4; i++)
        {
            ground[i] = truth.Transform(image[i]);
        }

        var solved = Homography.FromPoints(image, ground);

        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(truth.Matrix[i], solved.Matrix[i], 5);
        }

        Point2D expected = truth.Transform(new Point2D(640, 500));
        Point2D actual = solved.Transform(new Point2D(640, 500));
        Assert.Equal(expected.X, actual.X, 3);
        Assert.Equal(expected.Y, actual.Y, 3);
    }

    [Fact]
    public void Three_points_on_a_line_make_no_homography()
    {
        Assert.Throws<ArgumentException>(() => Homography.FromPoints(
            [new(0, 0), new(1, 1), new(2, 2), new(0, 5)],
            [new(0, 0), new(1, 0), new(1, 1), new(0, 1)]));
    }
}

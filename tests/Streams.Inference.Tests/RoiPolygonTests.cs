using System.Numerics;
using Streams.Runtime;

namespace Streams.Inference.Tests;

[Trait("Tier", "Unit")]
public sealed class RoiPolygonTests
{
    private static readonly RoiPolygon s_lShape = new([new(0, 0), new(100, 0), new(100, 50), new(50, 50), new(50, 100), new(0, 100)]);

    [Theory]
    [InlineData(25, 25, true)]
    [InlineData(75, 25, true)]
    [InlineData(25, 75, true)]
    [InlineData(75, 75, false)]
    [InlineData(150, 25, false)]
    [InlineData(-1, 25, false)]
    public void Points_are_inside_by_the_even_odd_rule(float x, float y, bool inside)
    {
        Assert.Equal(inside, s_lShape.Contains(x, y));
    }

    [Fact]
    public void A_box_counts_where_its_bottom_centre_stands()
    {
        // Box from (60,10) to (90,40): bottom-centre (75,40) is inside; moved down to bottom 60 it is outside.
        Assert.True(s_lShape.ContainsBottomCentre(new BoxF(60, 10, 30, 30)));
        Assert.False(s_lShape.ContainsBottomCentre(new BoxF(60, 30, 30, 30)));
    }

    [Fact]
    public void Fewer_than_three_points_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RoiPolygon([Vector2.Zero, Vector2.One]));
    }
}

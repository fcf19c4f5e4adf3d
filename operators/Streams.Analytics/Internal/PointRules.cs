using System.Globalization;
using Streams.Options;

namespace Streams.Analytics.Internal;

/// <summary>Rules shared by the points of zones and lines.</summary>
internal static class PointRules
{
    /// <summary>In <see cref="CoordinateSpace.Normalized"/>, an error for each point outside 0..1.</summary>
    public static void CheckNormalized(OptionsValidation validation, string property, IReadOnlyList<Point2D> points, CoordinateSpace space)
    {
        if (space != CoordinateSpace.Normalized)
        {
            return;
        }

        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p.X is < 0 or > 1 || p.Y is < 0 or > 1)
            {
                string shown = validation.ShowItem(property, i, string.Create(CultureInfo.InvariantCulture, $"[{p.X:R}, {p.Y:R}]"));
                validation.ItemError(property, i, $"normalized coordinates must lie in 0..1, got {shown}");
            }
        }
    }
}

using Streams.Options;
using System.Globalization;

namespace Streams.Configuration.Internal;

/// <summary>Rules shared by zones and lines.</summary>
internal static class Geometry
{
    public static void CheckNormalized(OptionsValidation context, string property, IReadOnlyList<PointOption> points, CoordinateSpace space)
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
                string shown = context.ShowItem(property, i, string.Create(CultureInfo.InvariantCulture, $"[{p.X:R}, {p.Y:R}]"));
                context.ItemError(property, i, $"normalized coordinates must lie in 0..1, got {shown}");
            }
        }
    }
}

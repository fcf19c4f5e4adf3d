using Streams.Analytics;
using Streams.Configuration;

namespace Streams.Hosting.Composition;

/// <summary>Maps the <c>analytics:</c> section onto the analytics stage's rules.</summary>
internal static class AnalyticsRules
{
    public static AnalyticsStageOptions Create(AnalyticsOptions analytics, IReadOnlyList<string> classNames, IReadOnlyList<IReadOnlyList<string>> attributeLabels)
    {
        var zones = new List<ZoneRuleOptions>(analytics.Zones.Count);
        foreach (ZoneOptions zone in analytics.Zones)
        {
            var polygon = new Point2D[zone.Polygon.Count];
            for (int i = 0; i < polygon.Length; i++)
            {
                polygon[i] = new Point2D((float)zone.Polygon[i].X, (float)zone.Polygon[i].Y);
            }

            zones.Add(new ZoneRuleOptions
            {
                Id = zone.Id,
                Stream = zone.Stream,
                Polygon = polygon,
                Coordinates = Space(zone.Coordinates),
                LoiterAfter = zone.LoiterAfter,
            });
        }

        var lines = new List<LineRuleOptions>(analytics.Lines.Count);
        foreach (LineOptions line in analytics.Lines)
        {
            lines.Add(new LineRuleOptions
            {
                Id = line.Id,
                Stream = line.Stream,
                A = new Point2D((float)line.Points[0].X, (float)line.Points[0].Y),
                B = new Point2D((float)line.Points[1].X, (float)line.Points[1].Y),
                Coordinates = Space(line.Coordinates),
                NameIn = line.NameIn,
                NameOut = line.NameOut,
            });
        }

        return AnalyticsStageOptions.Default with
        {
            Zones = zones,
            Lines = lines,
            ClassNames = classNames,
            AttributeLabels = attributeLabels,
            ObjectUpdateInterval = analytics.ObjectUpdateInterval,
            CountsInterval = analytics.CountsInterval,
            TrackTimeout = analytics.TrackTimeout,
        };
    }

    private static Streams.Analytics.CoordinateSpace Space(Streams.Configuration.CoordinateSpace space) =>
        space == Streams.Configuration.CoordinateSpace.Normalized ? Streams.Analytics.CoordinateSpace.Normalized : Streams.Analytics.CoordinateSpace.Pixels;
}

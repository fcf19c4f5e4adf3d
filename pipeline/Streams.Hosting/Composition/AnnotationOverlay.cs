using Microsoft.Extensions.Logging;
using Streams.Analytics;
using Streams.Configuration;
using Streams.Video;

namespace Streams.Hosting.Composition;

/// <summary>Builds the annotated-video stage from <c>annotate:</c>, as bound, and the analytics geometry.</summary>
internal static class AnnotationOverlay
{
    /// <summary>
    /// The stage for <paramref name="options"/>. Zones and lines in pixels are drawn on their stream (on every stream
    /// when they name none); normalised ones are not drawn, as their size depends on each frame.
    /// </summary>
    public static AnnotatedVideoStage Create(PipelineOptions options, IReadOnlyList<string> classNames, OverlayCounts counts, ILoggerFactory loggers)
    {
        var zones = new Dictionary<string, IReadOnlyList<OverlayZone>>(StringComparer.Ordinal);
        var lines = new Dictionary<string, IReadOnlyList<OverlayLine>>(StringComparer.Ordinal);
        foreach (SourceOptions source in options.Sources)
        {
            var streamZones = new List<OverlayZone>();
            foreach (ZoneRuleOptions zone in options.Analytics.Zones)
            {
                if (zone.Coordinates == CoordinateSpace.Pixels && (zone.Stream is null || zone.Stream == source.Id))
                {
                    var polygon = new OverlayPoint[zone.Polygon.Count];
                    for (int i = 0; i < polygon.Length; i++)
                    {
                        polygon[i] = new OverlayPoint(zone.Polygon[i].X, zone.Polygon[i].Y);
                    }

                    streamZones.Add(new OverlayZone(zone.Id, polygon));
                }
            }

            var streamLines = new List<OverlayLine>();
            foreach (LineRuleOptions line in options.Analytics.Lines)
            {
                if (line.Coordinates == CoordinateSpace.Pixels && (line.Stream is null || line.Stream == source.Id))
                {
                    streamLines.Add(new OverlayLine(line.Id,
                        new OverlayPoint(line.A.X, line.A.Y),
                        new OverlayPoint(line.B.X, line.B.Y))
                    {
                        NameIn = line.NameIn,
                        NameOut = line.NameOut,
                    });
                }
            }

            zones[source.Id] = streamZones;
            lines[source.Id] = streamLines;
        }

        return new AnnotatedVideoStage(options.Annotate with
        {
            ClassNames = classNames,
            Zones = zones,
            Lines = lines,
            Counts = streamId => counts.For(streamId),
        }, loggers.CreateLogger<AnnotatedVideoStage>());
    }
}

using System.Diagnostics.Metrics;

namespace Streams.Sources.Tests.Support;

/// <summary>Reads what a pipeline's observable instruments report now, as a scrape would.</summary>
internal static class ObservedMetrics
{
    /// <summary>The value <paramref name="instrument"/> of <paramref name="meter"/> reports for stream <paramref name="streamId"/>, or null.</summary>
    public static long? ForStream(Meter meter, string instrument, string streamId)
    {
        long? value = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (found, l) =>
            {
                if (ReferenceEquals(found.Meter, meter) && found.Name == instrument)
                {
                    l.EnableMeasurementEvents(found);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "stream" && Equals(tag.Value, streamId))
                {
                    value = measurement;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}

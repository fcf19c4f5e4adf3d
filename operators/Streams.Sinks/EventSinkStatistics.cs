namespace Streams.Sinks;

/// <summary>
/// A snapshot of one sink's counters since it started. The same figures feed the <c>Streams.Sinks</c> meter
/// (see <see cref="SinkMetrics"/>).
/// </summary>
/// <param name="Accepted">Events taken by <see cref="IEventSink.WriteAsync"/> (plus records found in the spool at start-up).</param>
/// <param name="Sent">Produce calls made (first sends, resends and replays).</param>
/// <param name="Acknowledged">Events the destination confirmed (for Kafka: acks=all delivery reports; for files: written).</param>
/// <param name="Failed">Delivery reports that carried an error (each is then retried, spooled or dropped).</param>
/// <param name="Retried">Events produced again after a failed delivery report.</param>
/// <param name="Spooled">Events written to the disk spool.</param>
/// <param name="Replayed">Events produced from the spool.</param>
/// <param name="InFlight">Events handed to the client and not yet acknowledged.</param>
/// <param name="SpoolPending">Spool records not yet produced.</param>
/// <param name="SpoolBytes">Bytes the spool's segment files hold.</param>
/// <param name="Dropped">Events dropped, by reason; only reasons that occurred are present.</param>
public sealed record EventSinkStatistics(
    long Accepted,
    long Sent,
    long Acknowledged,
    long Failed,
    long Retried,
    long Spooled,
    long Replayed,
    long InFlight,
    long SpoolPending,
    long SpoolBytes,
    IReadOnlyDictionary<EventDropReason, long> Dropped)
{
    /// <summary>All drops, whatever the reason.</summary>
    public long TotalDropped
    {
        get
        {
            long total = 0;
            foreach (long n in Dropped.Values)
            {
                total += n;
            }

            return total;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var dropped = new System.Text.StringBuilder();
        foreach (KeyValuePair<EventDropReason, long> kv in Dropped)
        {
            dropped.Append(dropped.Length == 0 ? "" : ", ").Append(kv.Key).Append('=').Append(kv.Value);
        }

        return $"accepted {Accepted}, sent {Sent}, acked {Acknowledged}, failed {Failed}, retried {Retried}, spooled {Spooled}, "
            + $"replayed {Replayed}, in flight {InFlight}, spool pending {SpoolPending} ({SpoolBytes} bytes), dropped {TotalDropped}"
            + (dropped.Length > 0 ? $" ({dropped})" : "");
    }
}

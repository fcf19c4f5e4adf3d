namespace Streams.Runtime;

/// <summary>Why an item left the pipeline without reaching its last stage. Every drop is counted by reason.</summary>
public enum DropReason
{
    /// <summary>A <see cref="EdgePolicy.DropOldest"/> edge was full: the oldest item made room for a newer one.</summary>
    QueueFull,

    /// <summary>The item's stream had failed; its remaining items are discarded.</summary>
    StreamFailed,

    /// <summary>The edge was closed when the item was written (its consumer had ended).</summary>
    EdgeClosed,

    /// <summary>A hard stop (deadline or second signal) discarded items still queued.</summary>
    Shutdown,

    /// <summary>A stage discarded the item by design (sampling, filtering).</summary>
    Filtered,
}

/// <summary>Names of <see cref="DropReason"/> values as metric tags, without boxing an enum per drop.</summary>
public static class DropReasons
{
    private static readonly string[] s_names = ["queue_full", "stream_failed", "edge_closed", "shutdown", "filtered"];

    /// <summary>How many reasons there are; sizes per-reason counter arrays.</summary>
    public const int Count = 5;

    /// <summary>The snake_case name of <paramref name="reason"/>.</summary>
    public static string Name(DropReason reason) => s_names[(int)reason];
}

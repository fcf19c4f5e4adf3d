using System.Text;

namespace Streams.Sinks.Tests.Support;

/// <summary>Events with ids <c>{stream}-{seq:D6}</c> and a JSON payload that names them.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static OutgoingEvent Make(string stream, int seq, string type = "line.cross", int padTo = 0)
    {
        string id = Id(stream, seq);
        string json = $$"""{"id":"{{id}}","stream":"{{stream}}","seq":{{seq}},"type":"{{type}}"}""";
        if (padTo > json.Length)
        {
            json = json[..^1] + ",\"pad\":\"" + new string('x', padTo - json.Length - 9) + "\"}";
        }

        return new OutgoingEvent(id, type, stream, Encoding.UTF8.GetBytes(json), "1", Epoch.AddMilliseconds(seq));
    }

    public static string Id(string stream, int seq) => $"{stream}-{seq:D6}";

    /// <summary>The sequence number in an id made by <see cref="Make"/>.</summary>
    public static int SeqOf(string id) => int.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asserts every stream's events come in strictly increasing sequence (records in partition order).</summary>
    public static void AssertPerStreamOrder(IEnumerable<TailedEvent> events)
    {
        var last = new Dictionary<string, int>();
        foreach (TailedEvent e in events)
        {
            int seq = SeqOf(e.EventId!);
            if (last.TryGetValue(e.StreamId!, out int previous))
            {
                Assert.True(seq > previous, $"stream {e.StreamId}: {e.EventId} came after seq {previous} (partition {e.Partition}, offset {e.Offset})");
            }

            last[e.StreamId!] = seq;
        }
    }

    /// <summary>Asserts every expected id arrived exactly once.</summary>
    public static void AssertExactlyOnce(IReadOnlyCollection<string> expected, IEnumerable<TailedEvent> events)
    {
        var counts = new Dictionary<string, int>();
        foreach (TailedEvent e in events)
        {
            counts[e.EventId!] = counts.GetValueOrDefault(e.EventId!) + 1;
        }

        var missing = expected.Where(id => !counts.ContainsKey(id)).ToList();
        var twice = counts.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
        var unexpected = counts.Keys.Except(expected).ToList();
        Assert.True(missing.Count == 0 && twice.Count == 0 && unexpected.Count == 0,
            $"missing {missing.Count} (first {string.Join(',', missing.Take(5))}), duplicated {twice.Count} (first {string.Join(',', twice.Take(5))}), unexpected {unexpected.Count}");
    }
}

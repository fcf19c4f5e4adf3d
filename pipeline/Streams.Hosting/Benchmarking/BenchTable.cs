using System.Globalization;
using System.Text;

namespace Streams.Hosting.Benchmarking;

/// <summary>The report as a Markdown table, with the capacity steps and the notes under it.</summary>
public static class BenchTable
{
    /// <summary>Formats <paramref name="report"/>.</summary>
    public static string Format(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("| scenario | model | settings | pipeline fps | reference fps | ratio (target) | streams | frame latency p50/p99 ms | frame-to-ack p50/p99 ms | RSS MiB | GC 0/1/2 | alloc MiB | B/frame |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (BenchScenarioResult r in report.Scenarios)
        {
            string ratio = r.Ratio is { } x ? Invariant($"{x:F3} (>= {r.Target:F2}, {(r.Met == true ? "met" : "missed")})") : "-";
            string frame = r.FrameLatencyP50Ms is { } f50 ? Invariant($"{f50:F1} / {r.FrameLatencyP99Ms:F1}") : "-";
            string ack = r.AckLatencyP50Ms is { } a50 ? Invariant($"{a50:F1} / {r.AckLatencyP99Ms:F1} ({r.EventsAcked} events)") : "-";
            text.AppendLine(Invariant(
                $"| {r.Name} | {r.Model ?? "-"} | {r.Settings} | {Show(r.PipelineFps)} | {Show(r.ReferenceFps)} | {ratio} | {r.Streams} | {frame} | {ack} | {r.RssMb:F0} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.AllocatedMb:F1} | {BytesPerFrame(r)} |"));
        }

        foreach (BenchScenarioResult r in report.Scenarios)
        {
            string title = r.Model is null ? r.Name : $"{r.Name} {r.Model}";
            if (r.Steps is { Count: > 0 } steps)
            {
                text.AppendLine();
                text.AppendLine(Invariant($"{title}: {string.Join("; ", steps)}"));
            }

            if (r.ProduceToAckP50Ms is { } p50)
            {
                text.AppendLine();
                text.AppendLine(Invariant($"{title}: produce-to-ack alone p50 {p50:F1} ms, p99 {r.ProduceToAckP99Ms:F1} ms"));
            }

            if (r.Note is { } note)
            {
                text.AppendLine();
                text.AppendLine(Invariant($"{title}: {note}"));
            }
        }

        text.AppendLine();
        text.AppendLine(Invariant($"peak RSS {report.PeakRssMb:F0} MiB, {report.Cores} cores, {report.Os}"));
        foreach (string note in report.Notes)
        {
            text.AppendLine("- " + note);
        }

        return text.ToString();
    }

    private static string BytesPerFrame(BenchScenarioResult r) => r.BytesPerFrame is not { } bytes ? "-"
        : r.PoolBuffersAdded is > 0 ? Invariant($"{bytes:F0} (+{r.PoolBuffersAdded} pool buffer{(r.PoolBuffersAdded == 1 ? "" : "s")})") : Invariant($"{bytes:F0}");

    private static string Show(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

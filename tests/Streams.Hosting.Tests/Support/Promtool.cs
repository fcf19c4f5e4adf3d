using System.Diagnostics;

namespace Streams.Hosting.Tests.Support;

/// <summary>
/// Prometheus' own linter, <c>promtool check metrics</c> (Debian package <c>prometheus</c>, installed by setup): it
/// parses a scrape as Prometheus would and reports naming problems (a counter without <c>_total</c>, a missing HELP,
/// a non-base unit).
/// </summary>
internal static class Promtool
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Every problem promtool finds in <paramref name="scrape"/>, with its exit code; empty when it is clean.</summary>
    public static async Task<string> CheckMetricsAsync(string scrape)
    {
        var start = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process promtool = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            Task<string> stdout = promtool.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = promtool.StandardError.ReadToEndAsync(timeout.Token);
            await promtool.StandardInput.WriteAsync(scrape.AsMemory(), timeout.Token);
            promtool.StandardInput.Close();
            await promtool.WaitForExitAsync(timeout.Token);
            string problems = ((await stdout) + (await stderr)).Trim();
            return promtool.ExitCode == 0 && problems.Length == 0 ? string.Empty : $"promtool exited {promtool.ExitCode}: {problems}";
        }
        finally
        {
            if (!promtool.HasExited)
            {
                promtool.Kill();
            }
        }
    }
}

using System.Globalization;

namespace Streams.Hosting.Benchmarking;

/// <summary>This process's resident set, from <c>/proc/self/status</c> (Linux); elsewhere the runtime's working set.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size now (VmRSS), MiB.</summary>
    public static double RssMb() => Read("VmRSS:") ?? Environment.WorkingSet / (1024.0 * 1024.0);

    /// <summary>Peak resident set size (VmHWM), MiB.</summary>
    public static double PeakRssMb() => Math.Round(Read("VmHWM:") ?? RssMb(), 1);

    private static double? Read(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                // "VmRSS:	  123456 kB"
                string[] parts = line[key.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb) ? kb / 1024.0 : null;
            }
        }

        return null;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Streams.Hosting.Evaluation;

/// <summary>A clip's nominal frame rate, from ffprobe: what turns a frame's PTS into its ground-truth frame number.</summary>
internal static class ClipFrameRate
{
    /// <exception cref="InvalidDataException">ffprobe found no video frame rate in the file.</exception>
    public static async Task<double> ProbeAsync(string clip, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate", "-of", "csv=p=0", clip })
        {
            info.ArgumentList.Add(arg);
        }

        using Process probe = Process.Start(info) ?? throw new InvalidOperationException("ffprobe could not be started");
        Task<string> errors = probe.StandardError.ReadToEndAsync(cancellationToken);
        string output = (await probe.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
        await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        string[] parts = output.Split('/');
        if (probe.ExitCode == 0 && parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double numerator)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double denominator)
            && numerator > 0 && denominator > 0)
        {
            return numerator / denominator;
        }

        throw new InvalidDataException($"{clip}: no video frame rate ({(await errors.ConfigureAwait(false)).Trim()})");
    }
}

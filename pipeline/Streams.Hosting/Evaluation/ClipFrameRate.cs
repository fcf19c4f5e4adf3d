using System.Diagnostics;
using System.Globalization;

namespace Streams.Hosting.Evaluation;

/// <summary>
/// A clip's nominal frame rate and frame count, from ffprobe: what turns a frame's PTS into its ground-truth frame
/// number, and how many frames there are to score when every frame is.
/// </summary>
internal static class ClipFrameRate
{
    /// <exception cref="InvalidDataException">ffprobe found no video frame rate in the file.</exception>
    public static async Task<double> ProbeAsync(string clip, CancellationToken cancellationToken)
    {
        (string output, string errors, int exit) = await RunProbeAsync(clip, "stream=r_frame_rate", cancellationToken).ConfigureAwait(false);
        string[] parts = output.Split('/');
        if (exit == 0 && parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double numerator)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double denominator)
            && numerator > 0 && denominator > 0)
        {
            return numerator / denominator;
        }

        throw new InvalidDataException($"{clip}: no video frame rate ({errors})");
    }

    /// <summary>The number of video frames the container declares; null when it declares none.</summary>
    public static async Task<int?> ProbeFrameCountAsync(string clip, CancellationToken cancellationToken)
    {
        (string output, _, int exit) = await RunProbeAsync(clip, "stream=nb_frames", cancellationToken).ConfigureAwait(false);
        return exit == 0 && int.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out int frames) && frames > 0 ? frames : null;
    }

    private static async Task<(string Output, string Errors, int Exit)> RunProbeAsync(string clip, string entries, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", entries, "-of", "csv=p=0", clip })
        {
            info.ArgumentList.Add(arg);
        }

        using Process probe = Process.Start(info) ?? throw new InvalidOperationException("ffprobe could not be started");
        Task<string> errors = probe.StandardError.ReadToEndAsync(cancellationToken);
        string output = (await probe.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
        await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (output, (await errors.ConfigureAwait(false)).Trim(), probe.ExitCode);
    }
}

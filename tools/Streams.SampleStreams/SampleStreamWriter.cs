using System.Text;
using Streams.SampleStreams.Internal;

namespace Streams.SampleStreams;

/// <summary>
/// Writes a scene as a clip plus its ground truth next to it: for an output <c>dir/name.ext</c> the files
/// <c>dir/name.gt.txt</c> (MOTChallenge), <c>dir/name.attributes.csv</c> and <c>dir/name.scene.json</c>.
/// </summary>
public static class SampleStreamWriter
{
    /// <summary>The sidecar paths for a clip written to <paramref name="output"/>.</summary>
    public static (string GroundTruth, string Attributes, string Manifest) SidecarPaths(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string directory = Path.GetDirectoryName(output) ?? "";
        string name = Path.GetFileNameWithoutExtension(output);
        return (
            Path.Combine(directory, name + ".gt.txt"),
            Path.Combine(directory, name + ".attributes.csv"),
            Path.Combine(directory, name + ".scene.json"));
    }

    /// <summary>
    /// Renders every frame of <paramref name="scene"/> into <paramref name="output"/> and writes the sidecars.
    /// <paramref name="command"/> is recorded in <c>scene.json</c> as the command line that regenerates the clip.
    /// </summary>
    /// <exception cref="InvalidOperationException">ffmpeg could not be started or failed (exit code and last stderr lines in the message).</exception>
    public static async Task WriteAsync(
        Scene scene,
        string output,
        ClipFormat format,
        string command,
        ClipEncoderOptions? encoder = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentNullException.ThrowIfNull(command);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        FrameRenderer renderer = new(scene);
        if (format == ClipFormat.Raw)
        {
            await WriteRawAsync(scene, renderer, output, cancellationToken);
        }
        else
        {
            await EncodeAsync(scene, renderer, output, encoder ?? ClipEncoderOptions.Default, cancellationToken);
        }

        await WriteGroundTruthAsync(scene, output, command, cancellationToken);
    }

    /// <summary>Writes only the ground-truth files for a clip at <paramref name="output"/>.</summary>
    public static async Task WriteGroundTruthAsync(Scene scene, string output, string command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        SceneTruth truth = SceneTruth.Compute(scene);
        (string gtPath, string attributesPath, string manifestPath) = SidecarPaths(output);

        StringBuilder gt = new(truth.Rows.Count * 32);
        foreach (GroundTruthRow row in truth.Rows)
        {
            gt.Append(row.Format()).Append('\n');
        }

        StringBuilder attributes = new();
        attributes.Append(ObjectAttributes.Header).Append('\n');
        foreach (ObjectAttributes a in truth.Attributes)
        {
            attributes.Append(a.Format()).Append('\n');
        }

        UTF8Encoding utf8 = new(encoderShouldEmitUTF8Identifier: false);
        await File.WriteAllTextAsync(gtPath, gt.ToString(), utf8, cancellationToken);
        await File.WriteAllTextAsync(attributesPath, attributes.ToString(), utf8, cancellationToken);
        byte[] manifest = SceneManifestWriter.Write(
            scene, truth, command, Path.GetFileName(output), Path.GetFileName(gtPath), Path.GetFileName(attributesPath));
        await File.WriteAllBytesAsync(manifestPath, manifest, cancellationToken);
    }

    private static async Task WriteRawAsync(Scene scene, FrameRenderer renderer, string output, CancellationToken cancellationToken)
    {
        byte[] frame = new byte[renderer.FrameBytes];
        await using FileStream file = new(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        for (int f = 0; f < scene.FrameCount; f++)
        {
            renderer.Render(f, frame);
            await file.WriteAsync(frame, cancellationToken);
        }
    }

    private static async Task EncodeAsync(Scene scene, FrameRenderer renderer, string output, ClipEncoderOptions options, CancellationToken cancellationToken)
    {
        await using FfmpegEncoder encoder = FfmpegEncoder.Start(scene.Width, scene.Height, scene.Options.Fps, output, options);

        // Two buffers: the next frame renders while ffmpeg takes the previous one.
        byte[][] buffers = [new byte[renderer.FrameBytes], new byte[renderer.FrameBytes]];
        Task pending = Task.CompletedTask;
        for (int f = 0; f < scene.FrameCount; f++)
        {
            byte[] buffer = buffers[f & 1];
            renderer.Render(f, buffer);
            await pending;
            pending = encoder.WriteFrameAsync(buffer, cancellationToken);
        }

        await pending;
        await encoder.CompleteAsync(cancellationToken);
    }
}

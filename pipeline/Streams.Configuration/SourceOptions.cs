using Streams.Options;
using System.Globalization;
using System.Text.RegularExpressions;
using Streams.Sources;

namespace Streams.Configuration;

/// <summary>
/// One entry of <c>sources:</c>: a video file, a network stream or a synthetic generator. The decoder's keys are those
/// of <see cref="FfmpegSourceOptions"/>, which this record is and the ffmpeg source takes as it is; this adds what the
/// pipeline needs of every stream: its id, its queue and whether readiness waits for it.
/// </summary>
public sealed partial record SourceOptions : FfmpegSourceOptions
{
    private static readonly string[] s_schemes = ["rtsp", "rtsps", "http", "https", "synthetic"];

    /// <summary>
    /// <c>id</c> (required): names the stream in events, zones and metrics; 1-64 letters, digits, '_', '.' or '-',
    /// starting with a letter or digit; unique across sources.
    /// </summary>
    public required string Id { get; init; }

    /// <summary><c>queue_policy</c>: what to do when the output queue is full. Default null: <c>drop_oldest</c> for
    /// live sources, <c>wait</c> for files; see <see cref="EffectivePolicy"/>.</summary>
    public QueuePolicy? QueuePolicy { get; init; }

    /// <summary><c>queue_capacity</c>: frames queued after this source, 1..4096. Default null: <c>runtime.queue_capacity</c>.</summary>
    public int? QueueCapacity { get; init; }

    /// <summary><c>required</c>: whether the pipeline reports ready only while this source delivers. Default true.</summary>
    public bool Required { get; init; } = true;

    /// <summary><see cref="QueuePolicy"/> when set; otherwise <c>drop_oldest</c> for live sources, <c>wait</c> for others.</summary>
    public QueuePolicy EffectivePolicy => QueuePolicy ?? (IsLive ? Configuration.QueuePolicy.DropOldest : Configuration.QueuePolicy.Wait);

    private string Scheme => IsFile ? "" : Uri[..Uri.IndexOf("://", StringComparison.Ordinal)];

    /// <inheritdoc />
    public override void Validate(OptionsValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (Id is not null && !IdPattern().IsMatch(Id))
        {
            validation.Error(nameof(Id), $"invalid id {validation.Quote(nameof(Id), Id)}; use 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }

        if (Uri is not null)
        {
            ValidateUri(validation);
        }

        if (QueueCapacity is { } capacity)
        {
            validation.InRange(nameof(QueueCapacity), capacity, 1, RuntimeOptions.MaxQueueCapacity);
        }

        base.Validate(validation);
    }

    private void ValidateUri(OptionsValidation context)
    {
        if (IsFile)
        {
            if (!File.Exists(Uri))
            {
                context.Error(nameof(Uri), $"file not found: {context.Show(nameof(Uri), Uri)}");
            }

            return;
        }

        // The URI is not echoed: it may carry credentials.
        if (!s_schemes.Contains(Scheme, StringComparer.OrdinalIgnoreCase))
        {
            context.Error(nameof(Uri), $"unsupported scheme '{Scheme}'; use a file path or an rtsp://, rtsps://, http://, https:// or synthetic:// URI");
        }
        else if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out _))
        {
            context.Error(nameof(Uri), "not a valid URI");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex IdPattern();
}

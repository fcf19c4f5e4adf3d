using Streams.Options;
using System.Globalization;
using System.Net;
using Streams.Configuration.Internal;

namespace Streams.Configuration;

/// <summary>The <c>api:</c> section: the HTTP API for health, metrics and runtime stream management.</summary>
public sealed record ApiOptions : IValidatableOptions
{
    /// <summary>The defaults.</summary>
    public static ApiOptions Default { get; } = new();

    /// <summary>
    /// <c>enabled</c>: serve the API. While it is on, the pipeline keeps running when every stream has ended (streams
    /// come and go through <c>POST</c>/<c>DELETE /streams</c>) until a signal stops it. Default false.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary><c>listen</c>: <c>address:port</c> to bind (port 0: any free port, logged at start); loopback unless
    /// configured otherwise. Default <c>127.0.0.1:8080</c>.</summary>
    public string Listen { get; init; } = "127.0.0.1:8080";

    /// <summary><c>token</c>: when set, every route but <c>/healthz</c> requires <c>Authorization: Bearer &lt;token&gt;</c>;
    /// use <c>${VAR}</c>. Default null: no token.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// <c>allowed_paths</c>: directories under which a file source added through <c>POST /streams</c> must lie, after
    /// symbolic links are resolved (relative ones resolve against the pipeline file's directory; each must exist).
    /// Without it, anyone holding the token could make the pipeline open any file its user can read. <c>[]</c> allows
    /// no file sources through the API. Default null: the pipeline file's own directory and the directories of its
    /// file sources, filled in when the file loads.
    /// </summary>
    [ConfigPath]
    public IReadOnlyList<string>? AllowedPaths { get; init; }

    /// <summary>The parsed <see cref="Listen"/> endpoint (valid once the options are validated).</summary>
    public IPEndPoint ParseEndpoint() => IPEndPoint.Parse(Listen);

    void IValidatableOptions.Validate(OptionsValidation context)
    {
        if (!IPEndPoint.TryParse(Listen ?? "", out _) || !Listen!.Contains(':', StringComparison.Ordinal))
        {
            context.Error(nameof(Listen), $"expected address:port such as 127.0.0.1:8080, got {context.Quote(nameof(Listen), Listen ?? "")}");
        }

        for (int i = 0; i < (AllowedPaths?.Count ?? 0); i++)
        {
            if (!Directory.Exists(AllowedPaths![i]))
            {
                context.ItemError(nameof(AllowedPaths), i, $"directory not found: {AllowedPaths[i]}");
            }
        }

        if (Token is { Length: < 16 })
        {
            context.Error(nameof(Token), string.Create(CultureInfo.InvariantCulture, $"a token needs at least 16 characters, got {Token.Length}"));
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Hosting.Metrics;
using Streams.Runtime;

namespace Streams.Hosting.Http;

/// <summary>
/// The HTTP API, a minimal API on Kestrel bound to <c>api.listen</c> (loopback by default): <c>/healthz</c>,
/// <c>/readyz</c>, <c>/metrics</c> (Prometheus text over the Streams meters) and <c>/streams</c> to list, add and remove
/// streams while the pipeline runs. With <c>api.token</c>, every route but <c>/healthz</c> needs the bearer token.
/// </summary>
public sealed class ApiServer : IHostedService, IAsyncDisposable
{
    private readonly PipelineOptions _options;
    private readonly PipelineService _service;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly PrometheusExporter _metrics = new();
    private readonly HashSet<string> _optional;
    private readonly AllowedPaths _allowedPaths;
    private WebApplication? _app;

    /// <summary>
    /// Largest body <c>POST /streams</c> reads (64 KiB): one source entry is well under 1 KiB. A larger body is
    /// answered 413 without being read further, so a client cannot make the pipeline hold or parse megabytes.
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Creates the server; it listens once started.</summary>
    public ApiServer(PipelineOptions options, PipelineService service, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _service = service;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ApiServer>();
        _optional = ReadinessCheck.OptionalStreams(options);
        _allowedPaths = new AllowedPaths(options.Api.AllowedPaths);
    }

    /// <summary>The address it listens on, once started (the bound port when <c>listen</c> asked for port 0).</summary>
    public Uri? Address { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        IPEndPoint endpoint = _options.Api.ParseEndpoint();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(endpoint);
            // No route takes more than MaxBodyBytes; this bounds any other body Kestrel might be asked to read.
            kestrel.Limits.MaxRequestBodySize = ConfigLimits.MaxDocumentBytes;
        });
        WebApplication app = builder.Build();
        if (_options.Api.Token is { } token)
        {
            app.Use(new BearerToken(token).InvokeAsync);
        }

        Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        // The bound address, which names the real port when listen asked for port 0.
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{endpoint}";
        Address = new Uri(bound);
        _logger.LogInformation(LogEvents.ApiListening, "HTTP API listening on {Address}{Token}", Address,
            _options.Api.Token is null ? "" : " (bearer token required)");
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _metrics.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () =>
        {
            List<string> problems = ReadinessCheck.Problems(_service.Composed, _optional);
            return problems.Count == 0
                ? Results.Text("ready\n")
                : Results.Text("not ready: " + string.Join("; ", problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", () => Results.Text(_metrics.Scrape(), "text/plain; version=0.0.4; charset=utf-8", Encoding.UTF8));
        app.MapGet("/streams", () =>
        {
            var views = new List<StreamView>();
            if (_service.Pipeline is { } pipeline)
            {
                foreach (StreamContext stream in pipeline.GetStreams())
                {
                    views.Add(StreamView.Of(stream));
                }
            }

            return Results.Json(views);
        });
        app.MapGet("/streams/{id}", (string id) =>
            _service.Pipeline?.FindStream(id) is { } stream ? Results.Json(StreamView.Of(stream)) : Results.NotFound());
        app.MapPost("/streams", AddStreamAsync);
        app.MapDelete("/streams/{id}", RemoveStreamAsync);
    }

    private async Task<IResult> RemoveStreamAsync(string id, CancellationToken cancellationToken)
    {
        if (!await _service.RemoveStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return Results.NotFound();
        }

        // The stream's last frame has left the pipeline, so nothing counts under its id any more: its series go too,
        // or /metrics would describe a stream that no longer exists.
        _metrics.RemoveSeries("stream", id);
        return Results.NoContent();
    }

    // The body is one source entry as JSON (or YAML), validated exactly like the pipeline file's; variables are not
    // substituted, so a request can never read the server's environment. A bad body is the sender's error alone: it is
    // answered, and every stream keeps running.
    private async Task<IResult> AddStreamAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"the body is over the limit of {MaxBodyBytes} bytes; send one source entry"));
        }

        SourceOptions source;
        try
        {
            source = SourceRequest.Parse(body);
        }
        catch (ConfigurationException ex)
        {
            var errors = new List<string>(ex.Errors.Count);
            foreach (ConfigError error in ex.Errors)
            {
                errors.Add(error.ToString());
            }

            return Results.Json(new Dictionary<string, List<string>> { ["errors"] = errors }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (source.IsFile && !_allowedPaths.Allows(source.Uri))
        {
            return Error(StatusCodes.Status403Forbidden, _allowedPaths.Directories.Count == 0
                ? "uri: file sources cannot be added through the API: api.allowed_paths is empty"
                : $"uri: {source.Uri} is outside api.allowed_paths ({string.Join(", ", _allowedPaths.Directories)}); "
                    + "a file source added through the API must lie under one of them, symbolic links followed");
        }

        if (_service.Pipeline?.FindStream(source.Id) is not null)
        {
            return Error(StatusCodes.Status409Conflict, $"a stream with id '{source.Id}' exists already");
        }

        try
        {
            StreamContext stream = _service.AddStream(source);
            return Results.Created($"/streams/{Uri.EscapeDataString(stream.Id)}", StreamView.Of(stream));
        }
        catch (ArgumentException) when (_service.Pipeline?.FindStream(source.Id) is not null)
        {
            // Added by a request that raced this one.
            return Error(StatusCodes.Status409Conflict, $"a stream with id '{source.Id}' exists already");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // The exception's own text, without the " (Parameter 'x')" that names a C# parameter to no reader of the API.
            string message = ex is ArgumentException { ParamName: { } name } argument
                ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                : ex.Message;
            return Error(StatusCodes.Status422UnprocessableEntity, message);
        }
    }

    /// <summary>The body as text, or null when it is over <see cref="MaxBodyBytes"/> (read no further than that).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        byte[] buffer = new byte[MaxBodyBytes + 1];
        int length = 0;
        int read;
        while (length < buffer.Length
            && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: status);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Streams.Configuration;

namespace Streams.Hosting;

/// <summary>Runs a pipeline under the generic host until it finishes or is stopped.</summary>
public static class StreamsHost
{
    /// <summary>The source families this build knows, first match wins.</summary>
    public static IReadOnlyList<ISourceFactory> DefaultSources(ILoggerFactory loggers) =>
        [new PatternSourceFactory(), new ConfiguredFfmpegSourceFactory(loggers)];

    /// <summary>Runs <paramref name="options"/> and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(PipelineOptions options, RunCustomization? customization = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        customization ??= new RunCustomization();
        using Logger serilog = LoggingSetup.CreateLogger(options.Logging, customization.LogLevel, customization.LogFormat);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSerilog(serilog);
        // A start-up failure is said once, plainly, below; the host's own line would repeat it with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.Configure<HostOptions>(host =>
        {
            // The pipeline's own deadline is the host's: past it, cancellation wins.
            host.ShutdownTimeout = options.Runtime.ShutdownTimeout;
            host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(customization);
        builder.Services.AddSingleton(sp => new PipelineComposer(
            customization.Sources ?? DefaultSources(sp.GetRequiredService<ILoggerFactory>()), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<PipelineService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PipelineService>());
        // Signals are handled by ShutdownSignals below, not by the console lifetime.
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        if (options.Api.Enabled)
        {
            builder.Services.AddSingleton<Http.ApiServer>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Http.ApiServer>());
        }

        builder.Services.AddHostedService(sp => new ProgressReporter(sp.GetRequiredService<PipelineService>(),
            options.Runtime.MetricsInterval, sp.GetRequiredService<ILogger<ProgressReporter>>()));

        using IHost host = builder.Build();
        PipelineService service = host.Services.GetRequiredService<PipelineService>();
        using var signals = new ShutdownSignals(host.Services.GetRequiredService<IHostApplicationLifetime>(), service,
            host.Services.GetRequiredService<ILogger<ShutdownSignals>>(), options.Runtime.ShutdownTimeout);
        using CancellationTokenSource stopAfter = new();
        if (customization.StopAfter is { } duration)
        {
            IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            stopAfter.Token.Register(lifetime.StopApplication);
            stopAfter.CancelAfter(duration);
        }

        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotSupportedException or FormatException or ArgumentException or Streams.Inference.ModelLoadException
            or Streams.Inference.OnnxRuntimeException or IOException)
        {
            // A source no operator can open, a model that does not load, a sink that refuses its settings: said once, plainly.
            serilog.Error("Cannot start: {Message}", ex.Message);
            return ExitCodes.PipelineFailed;
        }
        catch (OperationCanceledException) when (service.Composed is null)
        {
            // A signal while the sinks opened or the models loaded: nothing ran, so nothing is left to drain or deliver.
            serilog.Information("Stopped during start-up, before any stream ran");
            return service.ExitCode;
        }

        return service.ExitCode;
    }
}

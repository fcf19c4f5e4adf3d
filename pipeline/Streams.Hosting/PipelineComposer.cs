using Microsoft.Extensions.Logging;
using Streams.Configuration;
using Streams.Runtime;
using Streams.Sources;

namespace Streams.Hosting;

/// <summary>Turns validated options into a runnable <see cref="Pipeline"/> and its streams.</summary>
public sealed class PipelineComposer
{
    private readonly IReadOnlyList<ISourceFactory> _sources;
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates a composer that makes sources with the first of <paramref name="sources"/> that can.</summary>
    public PipelineComposer(IEnumerable<ISourceFactory> sources, ILoggerFactory loggers)
    {
        _sources = [.. sources];
        _loggers = loggers;
    }

    /// <summary>Builds the pipeline's stages; streams are added with <see cref="CreateStream"/>.</summary>
    public Pipeline Build(PipelineOptions options, FramePool? frames = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new PipelineSettings
        {
            InstanceId = options.Pipeline.InstanceId,
            QueueCapacity = options.Runtime.QueueCapacity,
            LoggerFactory = _loggers,
            FramePool = frames,
        };
        return PipelineBuilder.Create(settings)
            .Then(new DeliveryStage())
            .Build();
    }

    /// <summary>Describes the stream of one configured source.</summary>
    /// <exception cref="NotSupportedException">No factory knows the source's URI scheme.</exception>
    public StreamSpec CreateStream(SourceOptions source, RuntimeOptions runtime)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(runtime);
        foreach (ISourceFactory factory in _sources)
        {
            if (factory.CanCreate(source))
            {
                var edge = new EdgeOptions
                {
                    Capacity = source.QueueCapacity ?? runtime.QueueCapacity,
                    Policy = source.EffectivePolicy == QueuePolicy.DropOldest ? EdgePolicy.DropOldest : EdgePolicy.Wait,
                };
                return new StreamSpec(source.Id, UriRedactor.Redact(source.Uri), factory.Create(source), edge);
            }
        }

        throw new NotSupportedException($"Source '{source.Id}': no source operator handles {UriRedactor.Redact(source.Uri)}.");
    }
}

namespace Streams.Runtime;

/// <summary>Starts a pipeline description; stages are added in dataflow order with <c>Then</c>.</summary>
public static class PipelineBuilder
{
    /// <summary>Begins a pipeline whose sources produce <see cref="Frame"/>s.</summary>
    public static PipelineBuilder<Frame> Create(PipelineSettings? settings = null) =>
        new(settings ?? PipelineSettings.Default, []);
}

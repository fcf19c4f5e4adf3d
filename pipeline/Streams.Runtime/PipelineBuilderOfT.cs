namespace Streams.Runtime;

/// <summary>A pipeline description whose last stage produces <typeparamref name="TLast"/>.</summary>
/// <typeparam name="TLast">What the stages so far produce.</typeparam>
public sealed class PipelineBuilder<TLast>
    where TLast : class, IPipelineItem
{
    private readonly PipelineSettings _settings;
    private readonly List<IStageBinding> _stages;

    internal PipelineBuilder(PipelineSettings settings, List<IStageBinding> stages)
    {
        _settings = settings;
        _stages = stages;
    }

    /// <summary>Appends <paramref name="stage"/>, fed by the previous stage (or by the sources, for the first).</summary>
    /// <exception cref="ArgumentException">Another stage already has the name.</exception>
    public PipelineBuilder<TNext> Then<TNext>(Stage<TLast, TNext> stage)
        where TNext : class, IPipelineItem
    {
        ArgumentNullException.ThrowIfNull(stage);
        return new PipelineBuilder<TNext>(_settings, Append(new StageBinding<TLast, TNext>(stage)));
    }

    /// <summary>Appends a batching stage (see <see cref="BatchStage{T}"/>).</summary>
    /// <exception cref="ArgumentException">Another stage already has the name.</exception>
    public PipelineBuilder<TLast> Then(BatchStage<TLast> stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return new PipelineBuilder<TLast>(_settings, Append(new BatchStageBinding<TLast>(stage)));
    }

    private List<IStageBinding> Append(IStageBinding stage)
    {
        foreach (IStageBinding existing in _stages)
        {
            if (existing.Name == stage.Name)
            {
                throw new ArgumentException($"Two stages are named '{stage.Name}'; stage names label metrics and must be unique.", nameof(stage));
            }
        }

        return new List<IStageBinding>(_stages) { stage };
    }

    /// <summary>Creates the pipeline: edges and stage tasks are made, nothing runs until <see cref="Pipeline.Start"/>.</summary>
    /// <exception cref="InvalidOperationException">No stage was added.</exception>
    public Pipeline Build()
    {
        if (_stages.Count == 0)
        {
            throw new InvalidOperationException("A pipeline needs at least one stage to consume its frames.");
        }

        return new Pipeline(_settings, _stages);
    }
}

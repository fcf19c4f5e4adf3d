using System.Collections.Concurrent;
using Streams.Runtime;

namespace Streams.Inference.Tests.Support;

/// <summary>The last stage of a test pipeline: keeps a copy of each frame's objects and attributes, per stream, in arrival order.</summary>
internal sealed class CapturingSink() : Stage<Frame, Frame>("sink")
{
    private readonly ConcurrentDictionary<string, List<Captured>> _frames = new();

    public IReadOnlyList<Captured> Of(string stream) => _frames.TryGetValue(stream, out List<Captured>? list) ? list : [];

    public override async ValueTask ProcessAsync(Frame item, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        if (!item.IsEndOfStream)
        {
            _frames.GetOrAdd(item.Stream.Id, static _ => []).Add(new Captured(item.Sequence, [.. item.Objects], [.. item.Attributes]));
        }

        await output.WriteAsync(item);
    }

    internal sealed record Captured(long Sequence, DetectedObject[] Objects, ObjectAttribute[] Attributes);
}

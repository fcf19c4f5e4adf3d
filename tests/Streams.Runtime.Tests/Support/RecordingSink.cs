using System.Collections.Concurrent;
using Streams.Runtime;

namespace Streams.Runtime.Tests.Support;

/// <summary>The last stage of a test pipeline: records what arrives per stream, optionally waiting on a gate per frame.</summary>
internal sealed class RecordingSink(string name = "sink") : Stage<Frame, Frame>(name)
{
    private readonly ConcurrentDictionary<string, List<long>> _sequences = new();
    private readonly ConcurrentDictionary<string, int> _endMarkers = new();

    /// <summary>When set, each frame waits for one permit before it is taken.</summary>
    public SemaphoreSlim? Gate { get; init; }

    public int CompleteCalls { get; private set; }

    public IReadOnlyList<long> SequencesOf(string stream) =>
        _sequences.TryGetValue(stream, out List<long>? list) ? list : [];

    public int EndMarkersOf(string stream) => _endMarkers.TryGetValue(stream, out int n) ? n : 0;

    public override async ValueTask ProcessAsync(Frame item, StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        if (item.IsEndOfStream)
        {
            _endMarkers.AddOrUpdate(item.Stream.Id, 1, static (_, n) => n + 1);
        }
        else
        {
            if (Gate is not null)
            {
                try
                {
                    await Gate.WaitAsync(cancellationToken);
                }
                catch
                {
                    item.Release();
                    throw;
                }
            }

            _sequences.GetOrAdd(item.Stream.Id, static _ => []).Add(item.Sequence);
        }

        await output.WriteAsync(item);
    }

    public override ValueTask CompleteAsync(StageOutput<Frame> output, CancellationToken cancellationToken)
    {
        CompleteCalls++;
        return default;
    }
}

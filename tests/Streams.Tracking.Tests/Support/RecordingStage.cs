using System.Collections.Concurrent;
using Streams.Runtime;

namespace Streams.Tracking.Tests.Support;

/// <summary>The last stage of a test pipeline: copies each frame's objects, attributes and past objects, per stream and sequence.</summary>
internal sealed class RecordingStage() : TransformStage<Frame>("record")
{
    private readonly ConcurrentDictionary<(string Stream, long Sequence), (DetectedObject[] Objects, ObjectAttribute[] Attributes, PastObject[] Past)> _frames = new();

    public int EndMarkers { get; private set; }

    public DetectedObject[] ObjectsOf(string stream, long sequence) => _frames[(stream, sequence)].Objects;

    public ObjectAttribute[] AttributesOf(string stream, long sequence) => _frames[(stream, sequence)].Attributes;

    public PastObject[] PastObjectsOf(string stream, long sequence) => _frames[(stream, sequence)].Past;

    protected override bool Transform(Frame item)
    {
        _frames[(item.Stream.Id, item.Sequence)] = ([.. item.Objects], [.. item.Attributes], [.. item.PastObjects]);
        return true;
    }

    protected override void OnEndOfStream(StreamContext stream) => EndMarkers++;
}

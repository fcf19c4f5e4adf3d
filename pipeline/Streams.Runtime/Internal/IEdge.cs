namespace Streams.Runtime;

/// <summary>What the metrics need of any edge, whatever it carries.</summary>
internal interface IEdge
{
    string Name { get; }

    int Count { get; }
}

using Streams.Runtime;

namespace Streams.Runtime.Tests.Support;

/// <summary>Passes frames on unchanged; throws for the frames a predicate picks.</summary>
internal sealed class PassThroughStage(string name, Func<Frame, bool>? throwWhen = null) : TransformStage<Frame>(name)
{
    protected override bool Transform(Frame item)
    {
        if (throwWhen?.Invoke(item) == true)
        {
            throw new InvalidDataException($"{Name} cannot handle frame {item.Sequence} of {item.Stream.Id}");
        }

        return true;
    }
}

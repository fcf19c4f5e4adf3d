using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>The pipeline's last stage: frames end their journey here, seen last by an optional observer.</summary>
internal sealed class DeliveryStage(Action<Frame>? observer = null) : TransformStage<Frame>("deliver")
{
    protected override bool Transform(Frame item)
    {
        observer?.Invoke(item);
        return true;
    }
}

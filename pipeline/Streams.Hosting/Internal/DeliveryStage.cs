using Streams.Runtime;

namespace Streams.Hosting;

/// <summary>The pipeline's last stage until event sinks follow it: frames end their journey here.</summary>
internal sealed class DeliveryStage() : TransformStage<Frame>("deliver")
{
    protected override bool Transform(Frame item) => true;
}

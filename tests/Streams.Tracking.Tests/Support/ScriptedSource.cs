using Streams.Runtime;

namespace Streams.Tracking.Tests.Support;

/// <summary>Writes <c>count</c> frames at 30 fps; a script fills each frame's objects (and attributes) by its index.</summary>
internal sealed class ScriptedSource(int count, Action<int, Frame> script, int width = 1280, int height = 720) : IFrameSource
{
    public async Task RunAsync(StreamContext stream, SourceOutput output, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            Frame frame = output.Rent(width, height, PixelFormat.Gray8);
            frame.Pts = TimeSpan.FromTicks(i * TimeSpan.TicksPerSecond / 30);
            script(i, frame);
            if (!await output.WriteAsync(frame))
            {
                return;
            }

            // Let the stages in between; a tight loop on two cores starves the rest of the test.
            if ((i & 15) == 15)
            {
                await Task.Yield();
            }
        }
    }
}

using Streams.Runtime;
using Streams.Sources.Tests.Support;

namespace Streams.Sources.Tests;

/// <summary>
/// The test assembly's entry point, used only as the child process of <see cref="NoOrphanTests"/>:
/// <c>dotnet Streams.Sources.Tests.dll run-source CLIP</c> runs a looping source and prints <c>FFMPEG pid</c> for
/// each ffmpeg it starts, then waits to be killed (and exits by itself after a minute, should the test be gone).
/// </summary>
internal static class ChildProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "run-source")
        {
            await Console.Error.WriteLineAsync("usage: Streams.Sources.Tests run-source CLIP");
            return 2;
        }

        var source = new FfmpegSource(new FfmpegSourceOptions { Uri = args[1], Loop = true })
        {
            ProcessStarted = pid => Console.Out.WriteLine($"FFMPEG {pid}"),
        };
        Console.Out.Flush();
        await using Pipeline pipeline = PipelineBuilder.Create().Then(new RecordingSink()).Build();
        pipeline.AddStream(new StreamSpec("child", source.DisplayUri, source, new EdgeOptions { Capacity = 2 }));
        pipeline.Start();
        await Task.Delay(TimeSpan.FromMinutes(1));
        return 0;
    }
}

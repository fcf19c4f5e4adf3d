using Streams.Sinks.Tests.Support;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Streams.Sinks.Tests;

/// <summary>
/// The test assembly's entry point, used only as the child process of <see cref="CrashRecoveryTests"/>:
/// <c>dotnet Streams.Sinks.Tests.dll spool-child BOOTSTRAP SPOOL_DIR COUNT</c> writes COUNT events to a Kafka sink whose
/// broker is down, prints <c>SPOOLED n</c> once every one of them is in the spool, then waits to be killed (and exits by
/// itself after two minutes, should the test be gone).
/// </summary>
internal static class ChildProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 4 || args[0] != "spool-child")
        {
            await Console.Error.WriteLineAsync("usage: Streams.Sinks.Tests spool-child BOOTSTRAP SPOOL_DIR COUNT");
            return 2;
        }

        int count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = args[1],
            MaxInFlightEvents = 50,
            SpillAfter = TimeSpan.FromMilliseconds(300),
            Spool = new SpoolOptions { Directory = args[2], Fsync = FsyncPolicy.Always },
        });
        for (int i = 0; i < count; i++)
        {
            await sink.WriteAsync(TestEvents.Make($"cam{i % 3}", i));
        }

        DateTime deadline = DateTime.UtcNow.AddMinutes(1);
        while (sink.GetStatistics().Spooled < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Console.Out.WriteLineAsync($"SPOOLED {sink.GetStatistics().Spooled}");
        await Console.Out.FlushAsync();
        await Task.Delay(TimeSpan.FromMinutes(2));
        return 0; // never disposed: the test SIGKILLs this process
    }
}

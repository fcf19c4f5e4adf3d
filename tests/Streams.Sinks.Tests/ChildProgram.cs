using Streams.Sinks.Tests.Support;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Streams.Sinks.Tests;

/// <summary>
/// The test assembly's entry point, used only as the child process of <see cref="CrashRecoveryTests"/>:
/// <list type="bullet">
/// <item><c>spool-child BOOTSTRAP SPOOL_DIR COUNT</c> writes COUNT events to a Kafka sink whose broker is down, prints
/// <c>SPOOLED n</c> once every one of them is in the spool, then waits to be killed.</item>
/// <item><c>write-ahead-child BOOTSTRAP SPOOL_DIR RUN RATE</c> writes events at RATE per second to a Kafka sink with
/// <see cref="SpoolMode.Always"/>, printing <c>ACCEPTED id</c> as each <see cref="IEventSink.WriteAsync"/> returns, until
/// it is killed.</item>
/// </list>
/// Either exits by itself after two minutes, should the test be gone.
/// </summary>
internal static class ChildProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 5 && args[0] == "write-ahead-child")
        {
            return await WriteAheadAsync(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
        }

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
            Spool = args[2],
            SpoolFsync = FsyncPolicy.Always,
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

    private static async Task<int> WriteAheadAsync(string bootstrap, string spool, int run, int rate)
    {
        var sink = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = bootstrap,
            Spool = spool,
            SpoolMode = SpoolMode.Always,
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; clock.Elapsed < TimeSpan.FromMinutes(2); i++)
        {
            while (i >= clock.Elapsed.TotalSeconds * rate)
            {
                await Task.Delay(1);
            }

            // Sequence numbers of run r start at r * 1 000 000: ids never repeat across runs.
            OutgoingEvent e = TestEvents.Make($"cam{i % 3}", run * 1_000_000 + i);
            await sink.WriteAsync(e);
            await Console.Out.WriteLineAsync("ACCEPTED " + e.EventId);
        }

        return 0; // never disposed: the test SIGKILLs this process
    }
}

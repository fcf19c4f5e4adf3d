using System.Diagnostics;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Events_in_the_spool_of_a_SIGKILLed_process_are_delivered_after_a_restart()
    {
        const int Count = 300;
        using var cluster = EmbeddedKafkaCluster.Start();
        using var spool = new TempDirectory();
        cluster.SetBrokerDown();

        var info = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(ChildProgram).Assembly.Location);
        info.ArgumentList.Add("spool-child");
        info.ArgumentList.Add(cluster.BootstrapServers);
        info.ArgumentList.Add(spool.Path);
        info.ArgumentList.Add(Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using (Process child = Process.Start(info)!)
        {
            Task<string> errors = child.StandardError.ReadToEndAsync();
            try
            {
                string? line = await child.StandardOutput.ReadLineAsync().WaitAsync(TestTimeouts.Wait);
                Assert.True(line == $"SPOOLED {Count}", $"child said '{line}'; stderr: {(child.HasExited ? await errors : "")}");
            }
            finally
            {
                child.Kill(); // SIGKILL: no finally, no dispose, no flush runs in the child
                await child.WaitForExitAsync().WaitAsync(TestTimeouts.Wait);
            }
        }

        string[] segments = spool.Segments();
        Assert.NotEmpty(segments);
        output.WriteLine($"the killed child left {segments.Length} segment(s), {segments.Sum(s => new FileInfo(s).Length)} bytes");

        cluster.SetBrokerUp();
        var log = new LogCapture<KafkaEventSink>(output);
        await using (var restarted = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Spool = new SpoolOptions { Directory = spool.Path },
        }, log))
        {
            Assert.Equal(1, log.Count(SinkLogEvents.SpoolRecovered));
            await restarted.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
            Assert.Equal(Count, restarted.GetStatistics().Acknowledged);
        }

        Assert.Empty(spool.Segments());
        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        TestEvents.AssertExactlyOnce(Enumerable.Range(0, Count).Select(i => TestEvents.Id($"cam{i % 3}", i)).ToList(), all);
        TestEvents.AssertPerStreamOrder(all);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}

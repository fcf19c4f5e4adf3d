using System.Diagnostics;
using Streams.Sinks.Tests.Support;

namespace Streams.Sinks.Tests;

[Trait("Tier", "Integration")]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Events_in_the_spool_of_a_SIGKILLed_process_are_delivered_after_a_restart()
    {
        const int Count = 300;
        using var cluster = EmbeddedKafkaBroker.Start();
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
            Spool = spool.Path,
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

    [Fact]
    public async Task With_a_write_ahead_spool_ten_SIGKILLs_under_200_events_per_second_lose_no_accepted_event()
    {
        const int Runs = 10, Rate = 200;
        using var cluster = EmbeddedKafkaBroker.Start();
        using var spool = new TempDirectory();
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(20250102); // where each run is killed: deterministic
        for (int run = 0; run < Runs; run++)
        {
            int killAfter = random.Next(40, 200); // 0.2 to 1 s of events
            var info = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(typeof(ChildProgram).Assembly.Location);
            info.ArgumentList.Add("write-ahead-child");
            info.ArgumentList.Add(cluster.BootstrapServers);
            info.ArgumentList.Add(spool.Path);
            info.ArgumentList.Add(run.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.ArgumentList.Add(Rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
            int before = accepted.Count;
            using Process child = Process.Start(info)!;
            Task<string> errors = child.StandardError.ReadToEndAsync();
            try
            {
                for (int n = 0; n < killAfter; n++)
                {
                    string? line = await child.StandardOutput.ReadLineAsync().WaitAsync(TestTimeouts.Wait);
                    Assert.True(line is not null && line.StartsWith("ACCEPTED ", StringComparison.Ordinal),
                        $"run {run}: child said '{line}'; stderr: {(child.HasExited ? await errors : "")}");
                    accepted.Add(line["ACCEPTED ".Length..]);
                }
            }
            finally
            {
                child.Kill(); // SIGKILL mid-stream: no finally, no dispose, no flush runs in the child
                await child.WaitForExitAsync().WaitAsync(TestTimeouts.Wait);
            }

            // Lines the child wrote before it died are still in the pipe: each is an event it accepted.
            string rest = await child.StandardOutput.ReadToEndAsync().WaitAsync(TestTimeouts.Wait);
            foreach (string line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("ACCEPTED ", StringComparison.Ordinal))
                {
                    accepted.Add(line["ACCEPTED ".Length..]);
                }
            }

            output.WriteLine($"run {run}: killed after {accepted.Count - before} accepted events; spool holds {spool.Segments().Length} segment(s)");
        }

        // One last start on the same spool sends whatever the killed runs left unacknowledged.
        var log = new LogCapture<KafkaEventSink>(output);
        await using (var last = new KafkaEventSink(new KafkaSinkOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Spool = spool.Path,
            SpoolMode = SpoolMode.Always,
        }, log))
        {
            await last.FlushAsync().AsTask().WaitAsync(TestTimeouts.Wait);
        }

        Assert.Empty(spool.Segments());
        List<TailedEvent> all = await TopicReader.ReadAllAsync(cluster.BootstrapServers, "streams.events");
        var delivered = new HashSet<string>(all.Select(e => e.EventId!), StringComparer.Ordinal);
        string[] lost = accepted.Where(id => !delivered.Contains(id)).Order(StringComparer.Ordinal).ToArray();
        output.WriteLine($"{Runs} SIGKILLs: {accepted.Count} events accepted, {delivered.Count} distinct ids in the topic, " +
            $"{all.Count - delivered.Count} duplicate records (resent after a kill), {lost.Length} lost");
        Assert.True(lost.Length == 0, $"{lost.Length} accepted events never reached the topic, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(accepted.Count >= Runs * 40, $"only {accepted.Count} events were accepted");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}

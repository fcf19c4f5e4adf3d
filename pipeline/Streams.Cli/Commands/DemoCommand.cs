using System.CommandLine;
using Streams.Configuration;
using Streams.Hosting;

namespace Streams.Cli.Commands;

/// <summary><c>streams demo</c>: runs the shipped demo pipeline, <c>configs/demo.yaml</c>.</summary>
internal static class DemoCommand
{
    public const string DemoConfig = "configs/demo.yaml";

    public static Command Create()
    {
        Option<TimeSpan?> duration = CommonOptions.Duration();
        Option<LogLevelOption?> logLevel = CommonOptions.LogLevel();
        var command = new Command("demo",
            $"Run the shipped demo pipeline ({DemoConfig}) on the committed sample streams; no camera or Kafka needed.")
        {
            duration, logLevel,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            FileInfo? config = ConfigFiles.FindShipped(DemoConfig);
            if (config is null)
            {
                Console.Error.WriteLine($"Cannot find {DemoConfig}: run the demo from the Streams folder.");
                return Task.FromResult(ExitCodes.InvalidConfiguration);
            }

            return RunCommand.RunAsync(config, new RunOverrides
            {
                StopAfter = parse.GetValue(duration),
                LogLevel = parse.GetValue(logLevel),
            }, cancellationToken);
        });
        return command;
    }
}

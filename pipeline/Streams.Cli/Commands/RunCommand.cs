using System.CommandLine;
using Streams.Configuration;
using Streams.Hosting;

namespace Streams.Cli.Commands;

/// <summary><c>streams run &lt;config&gt;</c>: validates the pipeline file, then runs it until it ends or is stopped.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        Argument<FileInfo> config = CommonOptions.ConfigArgument();
        Option<LogLevelOption?> logLevel = CommonOptions.LogLevel();
        Option<LogFormat?> logFormat = CommonOptions.LogFormat();
        Option<TimeSpan?> duration = CommonOptions.Duration();
        var command = new Command("run",
            "Run a pipeline. It ends by itself when every source has ended (replayed files); SIGINT/SIGTERM stop it " +
            "gracefully within runtime.shutdown_timeout, and a second signal forces the stop. Exit codes: 0 done, " +
            "1 pipeline or stream failure, 2 invalid configuration, 3 stop deadline passed, 130 forced by a second signal.")
        {
            config, logLevel, logFormat, duration,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(config), new RunCustomization
        {
            LogLevel = parse.GetValue(logLevel),
            LogFormat = parse.GetValue(logFormat),
            StopAfter = parse.GetValue(duration),
        }, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo config, RunCustomization customization, CancellationToken cancellationToken)
    {
        PipelineOptions? options = ConfigFiles.TryLoad(config, Console.Error);
        if (options is null)
        {
            return ExitCodes.InvalidConfiguration;
        }

        // A model that cannot run as configured is a configuration error, said once with the model's id and file,
        // before the host starts and reports it as a failed start with a stack trace.
        IReadOnlyList<ModelProblem> problems = ModelCheck.Check(options);
        if (problems.Count > 0)
        {
            ModelCheck.Write(problems, config.FullName, Console.Error);
            return ExitCodes.InvalidConfiguration;
        }

        return await StreamsHost.RunAsync(options, customization, cancellationToken);
    }
}

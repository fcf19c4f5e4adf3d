using System.CommandLine;
using Streams.Configuration;
using Streams.Hosting;

namespace Streams.Cli.Commands;

/// <summary><c>streams validate &lt;config&gt;</c>: reports every problem of a pipeline file without running it.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        Argument<FileInfo> config = CommonOptions.ConfigArgument();
        var command = new Command("validate",
            "Check a pipeline file without running it: YAML syntax, unknown keys (with suggestions), types, required " +
            "keys, ranges, duplicate ids, missing files and unset ${VARIABLES}. Prints every error as " +
            "file:line:column: key: message and exits 2; exits 0 when the file is valid.")
        {
            config,
        };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetRequiredValue(config);
            PipelineOptions? options = ConfigFiles.TryLoad(file, Console.Error);
            if (options is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            Console.Out.WriteLine($"{file.Name}: valid ({Count(options.Sources.Count, "source")}, " +
                $"{Count(options.Models.Count, "model")}, {Count(options.Analytics.Zones.Count + options.Analytics.Lines.Count, "zone/line", "zones/lines")}, " +
                $"{Count(options.Sinks.Count, "sink")})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}

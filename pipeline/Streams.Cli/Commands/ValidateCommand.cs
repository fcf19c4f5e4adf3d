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
        var models = new Option<bool>("--models")
        {
            Description = "Also open every model with ONNX Runtime as run does (on the CPU) and check it fits its kind, " +
                "its classes and its detector; slower, as each model loads.",
        };
        var command = new Command("validate",
            "Check a pipeline file without running it: YAML syntax, unknown keys (with suggestions), types, required " +
            "keys, ranges, duplicate ids, missing files and unset ${VARIABLES}; with --models, the models themselves. " +
            "Prints every error as file:line:column: key: message (a model's as file: models[i]: model 'id': message) " +
            "and exits 2; exits 0 when the file is valid.")
        {
            config, models,
        };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetRequiredValue(config);
            PipelineOptions? options = ConfigFiles.TryLoad(file, Console.Error);
            if (options is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            if (parse.GetValue(models))
            {
                IReadOnlyList<ModelProblem> problems = ModelCheck.Check(options);
                if (problems.Count > 0)
                {
                    ModelCheck.Write(problems, file.FullName, Console.Error);
                    return ExitCodes.InvalidConfiguration;
                }
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

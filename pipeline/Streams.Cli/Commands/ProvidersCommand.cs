using System.CommandLine;
using Streams.Hosting;
using Streams.Hosting.Benchmarking;
using Streams.Inference;

namespace Streams.Cli.Commands;

/// <summary>
/// <c>streams providers</c>: which ONNX Runtime execution providers load on this machine, each tried alone on a model,
/// and why each that does not load cannot (the missing NVIDIA libraries by name, or ONNX Runtime's message).
/// </summary>
internal static class ProvidersCommand
{
    private static readonly ExecutionProviderKind[] s_all = [ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu];

    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "The model to open with each provider (default: models/demo-classifier.onnx of the repository)." };
        var require = new Option<string?>("--require")
        {
            Description = "Comma-separated providers of which at least one must load (e.g. tensorrt,cuda); exit 1 when none does.",
        };
        var command = new Command("providers",
            "List the execution providers ONNX Runtime was built with, open a model with each of tensorrt, cuda and cpu alone, and say which " +
            "load and why the others do not. Exit codes: 0 done, 1 none of --require loads, 2 bad arguments.")
        {
            model, require,
        };
        command.SetAction(parse => Run(parse.GetValue(model), parse.GetValue(require)));
        return command;
    }

    private static int Run(FileInfo? model, string? require)
    {
        var required = new List<ExecutionProviderKind>();
        foreach (string name in (require ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!InferenceSession.TryParseProvider(name, out ExecutionProviderKind provider))
            {
                Console.Error.WriteLine($"streams providers: --require: no provider '{name}' (known: tensorrt, cuda, cpu).");
                return ExitCodes.InvalidConfiguration;
            }

            required.Add(provider);
        }

        string? path = model?.FullName;
        if (path is null && BenchOptions.FindRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory) is { } root)
        {
            path = Path.Combine(root, "models", "demo-classifier.onnx");
        }

        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine($"streams providers: no model at '{path ?? "models/demo-classifier.onnx"}': pass --model.");
            return ExitCodes.InvalidConfiguration;
        }

        try
        {
            OnnxRuntime.Initialize();
        }
        catch (OnnxRuntimeException ex)
        {
            Console.Error.WriteLine($"streams providers: {ex.Message}");
            return ExitCodes.PipelineFailed;
        }

        Console.WriteLine($"ONNX Runtime {OnnxRuntime.Version} from {OnnxRuntime.LibraryPath}");
        Console.WriteLine($"built with: {string.Join(", ", OnnxRuntime.GetAvailableProviders())}");
        Console.WriteLine($"model: {path}");
        bool anyRequired = required.Count == 0;
        foreach (ExecutionProviderKind provider in s_all)
        {
            string name = InferenceSession.NameOf(provider);
            try
            {
                using InferenceSession session = InferenceSession.Open(path, new InferenceSessionOptions { Providers = [provider] });
                Console.WriteLine($"{name}: loads");
                anyRequired |= required.Contains(provider);
            }
            catch (ModelLoadException ex)
            {
                Console.WriteLine($"{name}: does not load: {ex.Problem}");
            }
        }

        if (!anyRequired)
        {
            Console.Error.WriteLine($"streams providers: none of [{require}] loads on this machine (see above).");
            return ExitCodes.PipelineFailed;
        }

        return ExitCodes.Success;
    }
}

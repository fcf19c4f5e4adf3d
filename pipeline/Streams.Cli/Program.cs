using System.CommandLine;
using Streams.Cli.Commands;

var root = new RootCommand(
    "Streams: video analytics on many streams at once. Decodes files and RTSP cameras, batches frames onto ONNX " +
    "models, tracks objects, judges zones and lines, and publishes events.")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    DemoCommand.Create(),
    EventsCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    ProvidersCommand.Create(),
};

// `run` and `demo` own their signals (first: graceful stop, second: forced); the parser handles them for the rest.
bool hostsPipeline = args.Length > 0 && args[0] is "run" or "demo";
return await root.Parse(args).InvokeAsync(new InvocationConfiguration
{
    ProcessTerminationTimeout = hostsPipeline ? null : TimeSpan.FromSeconds(2),
});

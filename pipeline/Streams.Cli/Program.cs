using System.CommandLine;
using Streams.Cli.Commands;

var root = new RootCommand(
    "Streams: video analytics on many streams at once. Decodes files and RTSP cameras, batches frames onto ONNX " +
    "models, tracks objects, judges zones and lines, and publishes events.")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    DemoCommand.Create(),
};

// Signals belong to the pipeline host (first: graceful stop, second: forced), not to the parser.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

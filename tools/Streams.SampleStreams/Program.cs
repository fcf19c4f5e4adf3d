using Streams.SampleStreams.Cli;

return await SampleStreamsCommand.Create().Parse(args).InvokeAsync();

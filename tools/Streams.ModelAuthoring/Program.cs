using Streams.ModelAuthoring.Cli;

return ModelAuthoringCommand.Create().Parse(args).Invoke();

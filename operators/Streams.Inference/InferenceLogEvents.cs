using Microsoft.Extensions.Logging;

namespace Streams.Inference;

/// <summary>Event ids of the inference operators' log lines: the 3xxx range (the runtime uses 1xxx and 2xxx).</summary>
public static class InferenceLogEvents
{
    /// <summary>ONNX Runtime was loaded: its version and file.</summary>
    public static readonly EventId RuntimeLoaded = new(4001, nameof(RuntimeLoaded));

    /// <summary>A model's session was created: the execution provider in use and why.</summary>
    public static readonly EventId SessionCreated = new(4002, nameof(SessionCreated));

    /// <summary>A preferred execution provider could not be used and was skipped.</summary>
    public static readonly EventId ProviderSkipped = new(4003, nameof(ProviderSkipped));

    /// <summary>A model's inputs, outputs and decoder, at start-up.</summary>
    public static readonly EventId ModelDescribed = new(4004, nameof(ModelDescribed));

    /// <summary>A frame could not be preprocessed; its stream stops.</summary>
    public static readonly EventId FrameRejected = new(4005, nameof(FrameRejected));
}

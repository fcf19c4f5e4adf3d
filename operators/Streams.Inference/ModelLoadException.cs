namespace Streams.Inference;

/// <summary>
/// A model cannot be used: its file is missing or not ONNX, its inputs or outputs do not fit the options, or no
/// execution provider could run it. Raised at start-up; the message names the model and the problem.
/// </summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="model"/>: "Model 'path': problem".</summary>
    public ModelLoadException(string model, string problem, Exception? innerException = null)
        : base($"Model '{model}': {problem}", innerException)
    {
        Model = model;
        Problem = problem;
    }

    /// <summary>The model's path (or name, for a model loaded from memory).</summary>
    public string Model { get; } = string.Empty;

    /// <summary>What is wrong, without the model's name.</summary>
    public string Problem { get; } = string.Empty;
}

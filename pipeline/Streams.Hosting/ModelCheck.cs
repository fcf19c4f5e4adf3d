using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Configuration;
using Streams.Hosting.Composition;

namespace Streams.Hosting;

/// <summary>
/// The deep check of a pipeline's models that <c>streams validate --models</c> and <c>streams run</c> make before
/// anything starts: each model is opened with ONNX Runtime with the session options a run uses, on the CPU, and must
/// fit its kind, its classes and its detector.
/// </summary>
public static class ModelCheck
{
    /// <summary>Opens each of <paramref name="options"/>' models and returns what stops any of them from running.</summary>
    public static IReadOnlyList<ModelProblem> Check(PipelineOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ModelStages.Check(options.Models, loggers ?? NullLoggerFactory.Instance);
    }

    /// <summary>
    /// One line per problem, as the configuration's errors read: <c>file: models[i]: model 'id': message</c>, and a
    /// count last.
    /// </summary>
    public static void Write(IReadOnlyList<ModelProblem> problems, string file, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (ModelProblem problem in problems)
        {
            writer.WriteLine($"{file}: models[{problem.Index}]: model '{problem.Id}': {problem.Message}");
        }

        writer.WriteLine($"{problems.Count} model error{(problems.Count == 1 ? string.Empty : "s")} in {Path.GetFileName(file)}");
    }
}

namespace Streams.Hosting;

/// <summary>A configured model that cannot run as configured, found by opening it (<see cref="ModelCheck"/>).</summary>
/// <param name="Index">Its place in <c>models:</c>, for the key path <c>models[i]</c>.</param>
/// <param name="Id">Its id.</param>
/// <param name="Path">Its file.</param>
/// <param name="Message">What is wrong, naming the file.</param>
public sealed record ModelProblem(int Index, string Id, string Path, string Message);

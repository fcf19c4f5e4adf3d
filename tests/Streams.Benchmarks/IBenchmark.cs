namespace Streams.Benchmarks;

/// <summary>One benchmark the runner can start by name. Each prints its own table of figures.</summary>
internal interface IBenchmark
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>One line saying what it measures.</summary>
    string Description { get; }

    /// <summary>Runs it; the arguments after its name are passed on. Returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}

using System.Reflection;
using Streams.Benchmarks;

// Finds every IBenchmark in this assembly, so each benchmark lives in a file of its own.
var benchmarks = new SortedDictionary<string, IBenchmark>(StringComparer.Ordinal);
foreach (Type type in Assembly.GetExecutingAssembly().GetTypes())
{
    if (!type.IsAbstract && typeof(IBenchmark).IsAssignableFrom(type))
    {
        var benchmark = (IBenchmark)Activator.CreateInstance(type)!;
        benchmarks.Add(benchmark.Name, benchmark);
    }
}

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out IBenchmark? chosen))
{
    Console.WriteLine("usage: dotnet run -c Release --project tests/Streams.Benchmarks -- NAME [args]");
    foreach (IBenchmark b in benchmarks.Values)
    {
        Console.WriteLine($"  {b.Name,-12} {b.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await chosen.RunAsync(args[1..], cancel.Token);

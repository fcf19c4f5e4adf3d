namespace Streams.Configuration;

/// <summary>
/// Bounds on what a pipeline file (or a source entry sent to the HTTP API) may hold. A document past one of them is
/// refused with one error naming the limit, before its cost can grow: nothing within them takes more than linear time
/// or memory to read, so a hostile document cannot stall or crash the process that reads it.
/// </summary>
public static class ConfigLimits
{
    /// <summary>Largest document read, in bytes (1 MiB): the shipped examples are under 8 KiB.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>Deepest nesting of lists and mappings (64): the deepest option is five levels down.</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest scalar value, in characters (64 KiB): room for an inline PEM certificate chain.</summary>
    public const int MaxScalarLength = 64 * 1024;

    /// <summary>Longest mapping key, in characters (256): option names and librdkafka settings are under 64.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>
    /// Most nodes a document may stand for once its aliases are counted as the nodes they repeat (1,000,000): a 1 MiB
    /// document without aliases holds at most about half that, so only an alias bomb reaches it.
    /// </summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Most errors listed for one document (50); past them one more line says how many were left out.</summary>
    public const int MaxReportedErrors = 50;
}

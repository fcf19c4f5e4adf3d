namespace Streams.Analytics.Tests.Support;

/// <summary>One way a document breaks a schema.</summary>
/// <param name="InstancePath">JSON pointer (RFC 6901) to the offending value in the document; "" is the document itself.</param>
/// <param name="SchemaPath">Where the failing keyword sits in the schema, as a URI fragment ending in the keyword (for reading, not parsing).</param>
/// <param name="Message">What is wrong.</param>
internal sealed record SchemaValidationError(string InstancePath, string SchemaPath, string Message)
{
    public override string ToString() => $"{(InstancePath.Length == 0 ? "(document)" : InstancePath)}: {Message} [{SchemaPath}]";
}

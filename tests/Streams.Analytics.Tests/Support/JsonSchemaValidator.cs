using System.Text.Json;
using Json.Schema;

namespace Streams.Analytics.Tests.Support;

/// <summary>
/// Validates JSON documents against a JSON Schema (draft 2020-12) with JsonSchema.Net, and lists every failure with
/// where it is in the document and which keyword failed. The analytics, hosting and CLI tests share this one file.
/// </summary>
/// <remarks>
/// <c>format</c> is asserted: in draft 2020-12 it is only an annotation unless a validator is told otherwise, and a
/// <c>time</c> that is no date (<c>2025-02-30T12:00:00Z</c>) must fail the event schema.
/// </remarks>
internal sealed class JsonSchemaValidator
{
    private static readonly EvaluationOptions s_options = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    private readonly JsonSchema _schema;

    private JsonSchemaValidator(JsonElement root)
    {
        Schema = root.Clone();

        // A registry of its own: the event schema's $id may be built by several tests at once, and the global
        // registry would hold on to the first.
        _schema = JsonSchema.Build(Schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The schema's root, for tests that read the schema itself.</summary>
    public JsonElement Schema { get; }

    /// <summary>A validator for the schema in the file at <paramref name="path"/>.</summary>
    public static JsonSchemaValidator FromFile(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new JsonSchemaValidator(document.RootElement);
    }

    /// <summary>A validator for the schema in <paramref name="json"/>.</summary>
    public static JsonSchemaValidator FromJson(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return new JsonSchemaValidator(document.RootElement);
    }

    /// <summary>Every way <paramref name="instance"/> breaks the schema; empty when it is valid.</summary>
    public IReadOnlyList<SchemaValidationError> Validate(JsonElement instance)
    {
        EvaluationResults results = _schema.Evaluate(instance, s_options);
        var errors = new List<SchemaValidationError>();
        if (results.IsValid)
        {
            return errors;
        }

        Collect(results, errors);
        foreach (EvaluationResults detail in results.Details ?? [])
        {
            Collect(detail, errors);
        }

        if (errors.Count == 0)
        {
            // Invalid with no keyword message: still a failure, at the document.
            errors.Add(new SchemaValidationError(string.Empty, "#", "the document does not match the schema"));
        }

        return errors;
    }

    /// <summary>Every way the JSON document <paramref name="json"/> breaks the schema.</summary>
    public IReadOnlyList<SchemaValidationError> Validate(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Validate(document.RootElement);
    }

    /// <summary>Every way the UTF-8 JSON document <paramref name="utf8Json"/> breaks the schema.</summary>
    public IReadOnlyList<SchemaValidationError> Validate(ReadOnlyMemory<byte> utf8Json)
    {
        using JsonDocument document = JsonDocument.Parse(utf8Json);
        return Validate(document.RootElement);
    }

    private static void Collect(EvaluationResults node, List<SchemaValidationError> errors)
    {
        if (node.Errors is null)
        {
            return;
        }

        string instancePath = node.InstanceLocation.ToString();
        // The failing subschema's place in the schema document (its location's fragment), then the keyword.
        string schemaPath = node.SchemaLocation.Fragment is { Length: > 0 } fragment ? Uri.UnescapeDataString(fragment) : "#";
        foreach (KeyValuePair<string, string> error in node.Errors)
        {
            errors.Add(new SchemaValidationError(instancePath, schemaPath + "/" + error.Key, error.Value));
        }
    }
}

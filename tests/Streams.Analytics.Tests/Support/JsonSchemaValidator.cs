using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streams.Analytics.Tests.Support;

/// <summary>
/// A JSON Schema (draft 2020-12) validator for the keywords the event schema uses, over <see cref="JsonElement"/>:
/// <c>type</c> (a name or an array of names), <c>properties</c>, <c>required</c>, <c>additionalProperties</c>
/// (boolean or schema), <c>enum</c>, <c>const</c>, <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>,
/// <c>exclusiveMaximum</c>, <c>minLength</c>, <c>pattern</c>, <c>items</c>, <c>minItems</c>, <c>$ref</c> to a JSON
/// pointer in the same document (<c>#/$defs/...</c>), <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>,
/// <c>if</c>/<c>then</c>/<c>else</c>, <c>format: date-time</c> (asserted, as RFC 3339), and boolean schemas.
/// </summary>
/// <remarks>
/// The JsonSchema.Net package cannot be restored here, so the tests carry this. To keep a passing validation
/// meaningful, the constructor walks the whole schema and refuses any keyword, format or reference it would not
/// check: a schema that grows a keyword fails loudly here instead of being half-validated.
/// </remarks>
internal sealed class JsonSchemaValidator
{
    // $ref chains deeper than this are a cycle in the schema, not a deep document.
    private const int MaxDepth = 128;

    private static readonly HashSet<string> s_annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
    };

    private static readonly HashSet<string> s_assertions = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "enum", "const", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minLength", "pattern", "items", "minItems", "$ref", "allOf", "anyOf", "oneOf", "if", "then", "else",
        "format",
    };

    private static readonly HashSet<string> s_typeNames = new(StringComparer.Ordinal)
    {
        "null", "boolean", "object", "array", "number", "integer", "string",
    };

    // RFC 3339 section 5.6 date-time; the calendar and clock ranges are checked by parsing.
    private static readonly Regex s_dateTime = new(
        @"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
        RegexOptions.CultureInvariant);

    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>Creates a validator for <paramref name="schema"/> (copied, so the caller may dispose its document).</summary>
    /// <exception cref="NotSupportedException">The schema uses a keyword, format or reference this validator does not check.</exception>
    public JsonSchemaValidator(JsonElement schema)
    {
        _root = schema.Clone();
        CheckSchema(_root, "#");
    }

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

    /// <summary>The schema's root.</summary>
    public JsonElement Schema => _root;

    /// <summary>Every way <paramref name="instance"/> breaks the schema; empty when it is valid.</summary>
    public IReadOnlyList<SchemaValidationError> Validate(JsonElement instance)
    {
        var errors = new List<SchemaValidationError>();
        Validate(instance, _root, string.Empty, "#", errors, 0);
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

    /// <summary>Escapes a property name as a JSON pointer reference token.</summary>
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private void Validate(JsonElement instance, JsonElement schema, string at, string schemaAt, List<SchemaValidationError> errors, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"Schema recursion deeper than {MaxDepth} at {schemaAt}: a $ref cycle?");
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new(at, schemaAt, "no value is allowed here"));
            return;
        }

        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            JsonElement value = keyword.Value;
            string here = schemaAt + "/" + Escape(keyword.Name);
            switch (keyword.Name)
            {
                case "type":
                    CheckType(instance, value, at, here, errors);
                    break;

                case "properties" when instance.ValueKind == JsonValueKind.Object:
                    foreach (JsonProperty property in value.EnumerateObject())
                    {
                        if (instance.TryGetProperty(property.Name, out JsonElement member))
                        {
                            Validate(member, property.Value, at + "/" + Escape(property.Name), here + "/" + Escape(property.Name), errors, depth + 1);
                        }
                    }

                    break;

                case "required" when instance.ValueKind == JsonValueKind.Object:
                    foreach (JsonElement name in value.EnumerateArray())
                    {
                        if (!instance.TryGetProperty(name.GetString()!, out _))
                        {
                            errors.Add(new(at, here, $"the required property '{name.GetString()}' is missing"));
                        }
                    }

                    break;

                case "additionalProperties" when instance.ValueKind == JsonValueKind.Object:
                    bool hasProperties = schema.TryGetProperty("properties", out JsonElement declared);
                    foreach (JsonProperty member in instance.EnumerateObject())
                    {
                        if (hasProperties && declared.TryGetProperty(member.Name, out _))
                        {
                            continue;
                        }

                        string memberAt = at + "/" + Escape(member.Name);
                        if (value.ValueKind == JsonValueKind.False)
                        {
                            errors.Add(new(memberAt, here, $"the property '{member.Name}' is not allowed"));
                        }
                        else
                        {
                            Validate(member.Value, value, memberAt, here, errors, depth + 1);
                        }
                    }

                    break;

                case "enum":
                    bool listed = false;
                    foreach (JsonElement option in value.EnumerateArray())
                    {
                        listed |= JsonElement.DeepEquals(instance, option);
                    }

                    if (!listed)
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is not one of {value.GetRawText()}"));
                    }

                    break;

                case "const":
                    if (!JsonElement.DeepEquals(instance, value))
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is not {value.GetRawText()}"));
                    }

                    break;

                case "minimum" when instance.ValueKind == JsonValueKind.Number:
                    if (!(instance.GetDouble() >= value.GetDouble()))
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is less than {value.GetRawText()}"));
                    }

                    break;

                case "maximum" when instance.ValueKind == JsonValueKind.Number:
                    if (!(instance.GetDouble() <= value.GetDouble()))
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is more than {value.GetRawText()}"));
                    }

                    break;

                case "exclusiveMinimum" when instance.ValueKind == JsonValueKind.Number:
                    if (!(instance.GetDouble() > value.GetDouble()))
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is not more than {value.GetRawText()}"));
                    }

                    break;

                case "exclusiveMaximum" when instance.ValueKind == JsonValueKind.Number:
                    if (!(instance.GetDouble() < value.GetDouble()))
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is not less than {value.GetRawText()}"));
                    }

                    break;

                case "minLength" when instance.ValueKind == JsonValueKind.String:
                    // Length in code points, as the specification counts it: an emoji is one character, not two.
                    int length = 0;
                    foreach (Rune unused in instance.GetString()!.EnumerateRunes())
                    {
                        length++;
                    }

                    if (length < value.GetInt32())
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is shorter than {value.GetInt32()} characters"));
                    }

                    break;

                case "pattern" when instance.ValueKind == JsonValueKind.String:
                    if (!_patterns[value.GetString()!].IsMatch(instance.GetString()!))
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} does not match /{value.GetString()}/"));
                    }

                    break;

                case "format" when instance.ValueKind == JsonValueKind.String:
                    if (!IsDateTime(instance.GetString()!))
                    {
                        errors.Add(new(at, here, $"{instance.GetRawText()} is not an RFC 3339 date-time"));
                    }

                    break;

                case "items" when instance.ValueKind == JsonValueKind.Array:
                    int index = 0;
                    foreach (JsonElement item in instance.EnumerateArray())
                    {
                        Validate(item, value, at + "/" + index.ToString(CultureInfo.InvariantCulture), here, errors, depth + 1);
                        index++;
                    }

                    break;

                case "minItems" when instance.ValueKind == JsonValueKind.Array:
                    if (instance.GetArrayLength() < value.GetInt32())
                    {
                        errors.Add(new(at, here, $"the array has fewer than {value.GetInt32()} items"));
                    }

                    break;

                case "$ref":
                    Validate(instance, Resolve(value.GetString()!), at, value.GetString()!, errors, depth + 1);
                    break;

                case "allOf":
                    int part = 0;
                    foreach (JsonElement subschema in value.EnumerateArray())
                    {
                        Validate(instance, subschema, at, here + "/" + part.ToString(CultureInfo.InvariantCulture), errors, depth + 1);
                        part++;
                    }

                    break;

                case "anyOf":
                {
                    (int matches, List<SchemaValidationError> failures) = CountMatches(instance, value, at, here, depth);
                    if (matches == 0)
                    {
                        errors.Add(new(at, here, $"matches none of the {value.GetArrayLength()} alternatives: {Summarize(failures)}"));
                    }

                    break;
                }

                case "oneOf":
                {
                    (int matches, List<SchemaValidationError> failures) = CountMatches(instance, value, at, here, depth);
                    if (matches != 1)
                    {
                        errors.Add(new(at, here, matches == 0
                            ? $"matches none of the {value.GetArrayLength()} alternatives: {Summarize(failures)}"
                            : $"matches {matches} alternatives where exactly one must match"));
                    }

                    break;
                }

                case "if":
                {
                    var ignored = new List<SchemaValidationError>();
                    Validate(instance, value, at, here, ignored, depth + 1);
                    string branch = ignored.Count == 0 ? "then" : "else";
                    if (schema.TryGetProperty(branch, out JsonElement consequence))
                    {
                        Validate(instance, consequence, at, schemaAt + "/" + branch, errors, depth + 1);
                    }

                    break;
                }

                default:
                    // Annotations; then and else (taken with their if); and keywords that do not apply to this
                    // instance's type (minimum on a string), which the specification says pass.
                    break;
            }
        }
    }

    private (int Matches, List<SchemaValidationError> Failures) CountMatches(JsonElement instance, JsonElement alternatives, string at, string schemaAt, int depth)
    {
        int matches = 0;
        int i = 0;
        var failures = new List<SchemaValidationError>();
        foreach (JsonElement alternative in alternatives.EnumerateArray())
        {
            var errors = new List<SchemaValidationError>();
            Validate(instance, alternative, at, schemaAt + "/" + i.ToString(CultureInfo.InvariantCulture), errors, depth + 1);
            if (errors.Count == 0)
            {
                matches++;
            }

            failures.AddRange(errors);
            i++;
        }

        return (matches, failures);
    }

    private static string Summarize(List<SchemaValidationError> failures) => string.Join("; ", failures);

    private static void CheckType(JsonElement instance, JsonElement type, string at, string schemaAt, List<SchemaValidationError> errors)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            if (!IsOfType(instance, type.GetString()!))
            {
                errors.Add(new(at, schemaAt, $"{instance.ValueKind} is not {type.GetString()}"));
            }

            return;
        }

        foreach (JsonElement name in type.EnumerateArray())
        {
            if (IsOfType(instance, name.GetString()!))
            {
                return;
            }
        }

        errors.Add(new(at, schemaAt, $"{instance.ValueKind} is none of {type.GetRawText()}"));
    }

    private static bool IsOfType(JsonElement instance, string type) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsIntegral(instance),
        "string" => instance.ValueKind == JsonValueKind.String,
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };

    // 2020-12 counts any number with a zero fractional part as an integer: 3.0 is one.
    private static bool IsIntegral(JsonElement number) =>
        number.TryGetDecimal(out decimal exact) ? decimal.Truncate(exact) == exact : double.IsFinite(number.GetDouble()) && Math.Floor(number.GetDouble()) == number.GetDouble();

    private static bool IsDateTime(string text) =>
        s_dateTime.IsMatch(text)
        && DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    /// <summary>The subschema a same-document reference (<c>#</c> or <c>#/json/pointer</c>) names.</summary>
    private JsonElement Resolve(string reference)
    {
        if (reference == "#")
        {
            return _root;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only references into the same document ('#/...') are supported, not '{reference}'.");
        }

        JsonElement current = _root;
        foreach (string rawToken in reference[2..].Split('/'))
        {
            string token = Uri.UnescapeDataString(rawToken).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out JsonElement next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                throw new InvalidOperationException($"The reference '{reference}' names nothing in the schema.");
            }
        }

        return current;
    }

    /// <summary>Refuses, up front, any part of the schema this validator would not check.</summary>
    private void CheckSchema(JsonElement schema, string schemaAt)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"The schema at {schemaAt} is a {schema.ValueKind}; a schema is an object or a boolean.");
        }

        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            string here = schemaAt + "/" + Escape(keyword.Name);
            JsonElement value = keyword.Value;
            if (!s_assertions.Contains(keyword.Name) && !s_annotations.Contains(keyword.Name))
            {
                throw new NotSupportedException($"The schema keyword '{keyword.Name}' at {schemaAt} is not supported by this validator.");
            }

            switch (keyword.Name)
            {
                case "$defs":
                case "properties":
                    foreach (JsonProperty member in value.EnumerateObject())
                    {
                        CheckSchema(member.Value, here + "/" + Escape(member.Name));
                    }

                    break;

                case "additionalProperties":
                case "items":
                case "if":
                case "then":
                case "else":
                    CheckSchema(value, here);
                    break;

                case "allOf":
                case "anyOf":
                case "oneOf":
                    int i = 0;
                    foreach (JsonElement subschema in value.EnumerateArray())
                    {
                        CheckSchema(subschema, here + "/" + i.ToString(CultureInfo.InvariantCulture));
                        i++;
                    }

                    break;

                case "type":
                    if (value.ValueKind == JsonValueKind.String ? !s_typeNames.Contains(value.GetString()!) : !AllTypeNames(value))
                    {
                        throw new NotSupportedException($"Unknown type {value.GetRawText()} at {here}.");
                    }

                    break;

                case "format":
                    if (value.GetString() != "date-time")
                    {
                        throw new NotSupportedException($"The format '{value.GetString()}' at {here} is not supported; only date-time is.");
                    }

                    break;

                case "pattern":
                    // ECMAScript semantics, as JSON Schema asks: \d is [0-9] only, no .NET extensions.
                    string pattern = value.GetString()!;
                    _patterns.TryAdd(pattern, new Regex(pattern, RegexOptions.ECMAScript));
                    break;

                case "$ref":
                    _ = Resolve(value.GetString()!);
                    break;

                default:
                    break;
            }
        }
    }

    private static bool AllTypeNames(JsonElement types)
    {
        if (types.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (JsonElement name in types.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String || !s_typeNames.Contains(name.GetString()!))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text.Json;
using Json.Schema;
using Streams.Analytics.Tests.Support;

namespace Streams.Analytics.Tests;

/// <summary>
/// The validator the envelope tests rely on (JsonSchema.Net behind a small helper): for each keyword the event schema
/// uses, a document that keeps the keyword passes and one that breaks it fails at the right place, and formats are
/// asserted, not merely annotated. Without these, a schema test that passes proves nothing.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class JsonSchemaValidatorTests
{
    [Theory]
    [InlineData("type", """{"type":"string"}""", "\"a\"", "1", "")]
    [InlineData("type (array)", """{"type":["number","null"]}""", "null", "\"1\"", "")]
    [InlineData("type integer", """{"type":"integer"}""", "3.0", "3.5", "")]
    [InlineData("type boolean", """{"type":"boolean"}""", "false", "0", "")]
    [InlineData("type object", """{"type":"object"}""", "{}", "[]", "")]
    [InlineData("type array", """{"type":"array"}""", "[]", "{}", "")]
    [InlineData("properties", """{"properties":{"a":{"type":"string"}}}""", """{"a":"x","b":1}""", """{"a":1}""", "/a")]
    [InlineData("required", """{"required":["a","b"]}""", """{"a":1,"b":null}""", """{"a":1}""", "")]
    [InlineData("additionalProperties false", """{"properties":{"a":true},"additionalProperties":false}""", """{"a":1}""", """{"a":1,"b":2}""", "/b")]
    [InlineData("additionalProperties schema", """{"properties":{"a":true},"additionalProperties":{"type":"integer"}}""", """{"a":"x","b":2}""", """{"a":"x","b":"y"}""", "/b")]
    [InlineData("enum", """{"enum":["in","out"]}""", "\"out\"", "\"up\"", "")]
    [InlineData("const", """{"const":"counts"}""", "\"counts\"", "\"count\"", "")]
    [InlineData("minimum", """{"minimum":0}""", "0", "-0.5", "")]
    [InlineData("maximum", """{"maximum":1}""", "1", "1.01", "")]
    [InlineData("exclusiveMinimum", """{"exclusiveMinimum":0}""", "0.001", "0", "")]
    [InlineData("exclusiveMaximum", """{"exclusiveMaximum":1}""", "0.999", "1", "")]
    [InlineData("minLength", """{"minLength":2}""", "\"ab\"", "\"a\"", "")]
    [InlineData("minLength counts code points", """{"minLength":2}""", "\"\\ud83d\\ude00\\ud83d\\ude00\"", "\"\\ud83d\\ude00\"", "")]
    [InlineData("pattern", """{"pattern":"^1\\.[0-9]+$"}""", "\"1.0\"", "\"2.0\"", "")]
    [InlineData("pattern is ECMAScript", """{"pattern":"^\\d$"}""", "\"7\"", "\"\u0667\"", "")]
    [InlineData("items", """{"items":{"type":"integer"}}""", "[1,2]", """[1,"x"]""", "/1")]
    [InlineData("minItems", """{"minItems":1}""", "[0]", "[]", "")]
    [InlineData("$ref", """{"$defs":{"n":{"type":"integer"}},"properties":{"a":{"$ref":"#/$defs/n"}}}""", """{"a":1}""", """{"a":"x"}""", "/a")]
    [InlineData("$ref with siblings", """{"$defs":{"n":{"type":"integer"}},"$ref":"#/$defs/n","minimum":5}""", "5", "4", "")]
    [InlineData("allOf", """{"allOf":[{"type":"integer"},{"minimum":2}]}""", "3", "1", "")]
    [InlineData("anyOf", """{"anyOf":[{"type":"string"},{"minimum":2}]}""", "\"s\"", "1", "")]
    [InlineData("oneOf (two match)", """{"oneOf":[{"type":"integer"},{"minimum":2}]}""", "1", "3", "")]
    [InlineData("oneOf (none match)", """{"oneOf":[{"type":"integer"},{"minimum":2}]}""", "2.5", "1.5", "")]
    [InlineData("if/then", """{"if":{"properties":{"k":{"const":"a"}},"required":["k"]},"then":{"required":["x"]}}""", """{"k":"a","x":1}""", """{"k":"a"}""", "")]
    [InlineData("if/else", """{"if":{"const":1},"then":{"minimum":0},"else":{"type":"string"}}""", "\"s\"", "2", "")]
    [InlineData("format date-time", """{"format":"date-time"}""", "\"2025-01-01T12:00:00.5Z\"", "\"2025-13-01T12:00:00Z\"", "")]
    [InlineData("format date-time (shape)", """{"format":"date-time"}""", "\"2025-01-01T12:00:00+01:00\"", "\"2025-01-01 12:00\"", "")]
    [InlineData("false schema", """{"properties":{"a":false}}""", "{}", """{"a":1}""", "/a")]
    public void Each_keyword_accepts_what_keeps_it_and_rejects_what_breaks_it(string keyword, string schema, string valid, string invalid, string expectedPath)
    {
        JsonSchemaValidator validator = JsonSchemaValidator.FromJson(schema);

        Assert.True(validator.Validate(valid).Count == 0, $"{keyword}: {valid} should pass: {string.Join("; ", validator.Validate(valid))}");
        IReadOnlyList<SchemaValidationError> errors = validator.Validate(invalid);
        Assert.True(errors.Count > 0, $"{keyword}: {invalid} should fail");
        Assert.Contains(errors, e => e.InstancePath == expectedPath);
    }

    [Fact]
    public void Keywords_that_do_not_apply_to_a_value_s_type_pass_it()
    {
        JsonSchemaValidator validator = JsonSchemaValidator.FromJson("""{"minimum":5,"minLength":3,"minItems":2,"required":["a"],"items":false,"pattern":"^a","exclusiveMaximum":0}""");

        Assert.Empty(validator.Validate("\"abc\""));
        Assert.Empty(validator.Validate("{\"a\":1}"));
        Assert.Empty(validator.Validate("null"));
        Assert.NotEmpty(validator.Validate("7"));
    }

    [Fact]
    public void Errors_point_at_nested_values_with_escaped_names()
    {
        JsonSchemaValidator validator = JsonSchemaValidator.FromJson("""
            {"properties":{"a/b":{"items":{"properties":{"c~d":{"type":"string"}}}}}}
            """);

        SchemaValidationError error = Assert.Single(validator.Validate("""{"a/b":[{"c~d":"x"},{"c~d":2}]}"""));

        Assert.Equal("/a~1b/1/c~0d", error.InstancePath);
        Assert.EndsWith("/type", error.SchemaPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_failure_in_a_document_is_reported()
    {
        JsonSchemaValidator validator = JsonSchemaValidator.FromJson("""
            {"type":"object","required":["id"],"additionalProperties":false,"properties":{"n":{"type":"integer","minimum":1}}}
            """);

        string[] paths = [.. validator.Validate("""{"n":0.5,"x":1}""").Select(e => e.InstancePath).Order(StringComparer.Ordinal)];

        // Missing id (at the document), n neither integer nor >= 1, x not allowed.
        Assert.Equal(["", "/n", "/n", "/x"], paths);
    }

    [Theory]
    [InlineData("2025-02-30T12:00:00Z")]
    [InlineData("2025-01-01T24:00:01Z")]
    [InlineData("2025-01-01T12:00:00")]
    [InlineData("yesterday")]
    public void Format_is_asserted_so_a_date_time_that_is_no_date_fails(string text)
    {
        // Under the 2020-12 meta-schema (which the event schema names) format only annotates unless the validator
        // is told to assert it: this is that setting.
        JsonSchemaValidator validator = JsonSchemaValidator.FromJson("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string","format":"date-time"}
            """);

        Assert.Empty(validator.Validate("\"2025-02-28T12:00:00.25Z\""));
        SchemaValidationError error = Assert.Single(validator.Validate(JsonSerializer.Serialize(text)));
        Assert.EndsWith("/format", error.SchemaPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_that_is_not_json_schema_is_refused_when_it_is_built()
    {
        Assert.Throws<JsonSchemaException>(() => JsonSchemaValidator.FromJson("""{"type":"float"}"""));
    }
}

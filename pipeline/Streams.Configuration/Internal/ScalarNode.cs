namespace Streams.Configuration.Internal;

/// <summary>A scalar after <c>${VAR}</c> substitution.</summary>
internal sealed class ScalarNode(string file, int line, int column, string value, bool isPlain) : ConfigNode(file, line, column)
{
    /// <summary>Longest value quoted whole in a message.</summary>
    private const int MaxQuoted = 100;

    /// <summary>The text after substitution.</summary>
    public string Value { get; } = value;

    /// <summary>Whether the scalar was written unquoted; only plain scalars can mean null.</summary>
    public bool IsPlain { get; } = isPlain;

    /// <summary>The variables substituted into <see cref="Value"/>; when any, the value is never shown in messages.</summary>
    public IReadOnlyList<string> Variables { get; init; } = [];

    /// <summary>Substitution failed and was reported; the binder skips the node without a second error.</summary>
    public bool SubstitutionFailed { get; init; }

    /// <summary>YAML null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The value in quotes, or which variables it came from when it was substituted.</summary>
    public string Quoted => Variables.Count == 0 ? Quote(Value) : VariablePhrase(Variables);

    public override string Describe() => IsNull ? "null" : Quoted;

    /// <summary>
    /// <paramref name="text"/> in quotes; a long one cut to its start and its length, so that fifty errors about a
    /// 64 KiB value stay readable instead of printing it fifty times.
    /// </summary>
    public static string Quote(string text) => text.Length <= MaxQuoted
        ? $"'{text}'"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{text[..MaxQuoted]}...' ({text.Length} characters)");

    public static string VariablePhrase(IReadOnlyList<string> variables) =>
        "the value of " + string.Join(" and ", variables.Select(static v => "${" + v + "}"));
}

using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Streams.Configuration.Internal;

/// <summary>
/// Reads one YAML document into <see cref="ConfigNode"/>s from YamlDotNet's event parser. The representation model
/// (<c>YamlStream</c>) is not used because it stops at the first duplicate key and its nodes do not know their file;
/// reading events lets every duplicate key and every unset variable be reported, and lets merged trees keep origins.
/// </summary>
internal sealed partial class YamlDocumentReader
{
    private readonly string _file;
    private readonly Func<string, string?>? _environment;
    private readonly List<ConfigError> _errors = [];
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);

    private YamlDocumentReader(string file, Func<string, string?>? environment)
    {
        _file = file;
        _environment = environment;
    }

    /// <summary>
    /// Parses <paramref name="text"/>. A syntax error is the only error reported for the document and makes this return
    /// false; otherwise duplicate keys and substitution errors are added and <paramref name="root"/> is the document
    /// (null when it is empty). <paramref name="environment"/> null disables substitution.
    /// </summary>
    public static bool TryRead(string text, string file, Func<string, string?>? environment, ErrorList errors, out ConfigNode? root)
    {
        var reader = new YamlDocumentReader(file, environment);
        var scanner = new Scanner(new StringReader(text));
        try
        {
            root = reader.ReadStream(new Parser(scanner));
        }
        catch (YamlException e)
        {
            errors.Add(new ConfigError(file, Line(e.Start), Column(e.Start), "", CleanMessage(e)));
            root = null;
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, unexplained, on some broken flow collections; where it stopped is the best hint.
            errors.Add(new ConfigError(file, Line(scanner.CurrentPosition), Column(scanner.CurrentPosition), "",
                "invalid YAML: the parser stopped here; look for an unclosed '[', '{' or quote above"));
            root = null;
            return false;
        }

        foreach (var error in reader._errors)
        {
            errors.Add(error);
        }

        return true;
    }

    private ConfigNode? ReadStream(Parser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(parser, "");
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            AddError(second.Start, "", "a pipeline file holds one YAML document; remove the second '---'");
            return root;
        }

        parser.Consume<StreamEnd>();
        return root;
    }

    private ConfigNode ReadNode(Parser parser, string path)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            AddError(alias.Start, path, $"unknown alias '*{alias.Value.Value}'");
            return new ScalarNode(_file, Line(alias.Start), Column(alias.Start), "", isPlain: false) { SubstitutionFailed = true };
        }

        ConfigNode node;
        NodeEvent start;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            node = ReadScalar(scalar, path);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            start = sequenceStart;
            node = ReadSequence(parser, sequenceStart, path);
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            start = mappingStart;
            node = ReadMapping(parser, mappingStart, path);
        }

        if (!start.Anchor.IsEmpty)
        {
            _anchors[start.Anchor.Value] = node;
        }

        return node;
    }

    private ScalarNode ReadScalar(Scalar scalar, string path)
    {
        bool isPlain = scalar.Style == ScalarStyle.Plain;
        if (_environment is null)
        {
            return new ScalarNode(_file, Line(scalar.Start), Column(scalar.Start), scalar.Value, isPlain);
        }

        var variables = new List<string>();
        string? value = VariableSubstitution.Expand(scalar.Value, _environment, variables, out string? error);
        if (value is null)
        {
            AddError(scalar.Start, path, error!);
            return new ScalarNode(_file, Line(scalar.Start), Column(scalar.Start), "", isPlain) { Variables = variables, SubstitutionFailed = true };
        }

        return new ScalarNode(_file, Line(scalar.Start), Column(scalar.Start), value, isPlain) { Variables = variables };
    }

    private SequenceNode ReadSequence(Parser parser, SequenceStart start, string path)
    {
        var items = new List<ConfigNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode(parser, KeyPaths.Item(path, items.Count)));
        }

        return new SequenceNode(_file, Line(start.Start), Column(start.Start), items);
    }

    private MappingNode ReadMapping(Parser parser, MappingStart start, string path)
    {
        var entries = new List<KeyValuePair<ScalarNode, ConfigNode>>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.Accept<Scalar>(out var keyEvent))
            {
                var current = parser.Current!;
                ReadNode(parser, path);
                AddError(current.Start, path, "a key must be a plain string, not a list or a mapping");
                ReadNode(parser, path);
                continue;
            }

            parser.MoveNext();
            var key = new ScalarNode(_file, Line(keyEvent.Start), Column(keyEvent.Start), keyEvent.Value, keyEvent.Style == ScalarStyle.Plain);
            string childPath = KeyPaths.Child(path, key.Value);
            var value = ReadNode(parser, childPath);
            if (firstLines.TryGetValue(key.Value, out int firstLine))
            {
                AddError(keyEvent.Start, childPath,
                    string.Create(CultureInfo.InvariantCulture, $"duplicate key '{key.Value}'; first defined at line {firstLine}"));
                continue;
            }

            firstLines.Add(key.Value, key.Line);
            entries.Add(new(key, value));
        }

        return new MappingNode(_file, Line(start.Start), Column(start.Start), entries);
    }

    private void AddError(Mark mark, string path, string message) =>
        _errors.Add(new ConfigError(_file, Line(mark), Column(mark), path, message));

    private static int Line(Mark mark) => (int)mark.Line;

    private static int Column(Mark mark) => (int)mark.Column;

    /// <summary>YamlDotNet prefixes its messages with both marks; the error already carries the position.</summary>
    private static string CleanMessage(YamlException e)
    {
        string message = MarkPrefix().Replace(e.Message, "");
        return message.Length == 0 ? "invalid YAML" : "invalid YAML: " + message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}

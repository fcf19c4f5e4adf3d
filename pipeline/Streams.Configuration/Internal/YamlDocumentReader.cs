using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Streams.Configuration.Internal;

/// <summary>
/// Reads one YAML document into <see cref="ConfigNode"/>s from YamlDotNet's event parser. The representation model
/// (<c>YamlStream</c>) is not used because it stops at the first duplicate key and its nodes do not know their file;
/// reading events lets every duplicate key and every unset variable be reported, and lets merged trees keep origins.
/// </summary>
/// <remarks>
/// The reader keeps its own stack instead of recursing, and stops at the first breach of <see cref="ConfigLimits"/>
/// with one error naming the limit: a document of nothing but '[' or '{' must end in an error, never in a stack
/// overflow that takes every stream of the process down with it. Key paths are built only for errors, since building
/// one per node costs time and memory quadratic in the depth.
/// </remarks>
internal sealed partial class YamlDocumentReader
{
    private readonly string _file;
    private readonly string _syntax;
    private readonly Func<string, string?>? _environment;
    private readonly List<ConfigError> _errors = [];
    private readonly Dictionary<string, (ConfigNode Node, int Size)> _anchors = new(StringComparer.Ordinal);

    /// <summary>The lists and mappings being read, outermost first.</summary>
    private readonly List<Frame> _stack = [];

    /// <summary>Nodes read so far, each alias counted as the nodes it repeats.</summary>
    private long _nodes;

    private YamlDocumentReader(string file, string syntax, Func<string, string?>? environment)
    {
        _file = file;
        _syntax = syntax;
        _environment = environment;
    }

    /// <summary>
    /// Parses <paramref name="text"/>. A syntax error or a breach of <see cref="ConfigLimits"/> is the only error
    /// reported for the document and makes this return false; otherwise duplicate keys and substitution errors are added
    /// and <paramref name="root"/> is the document (null when it is empty). <paramref name="environment"/> null disables
    /// substitution. <paramref name="syntax"/> names the format in syntax errors: "JSON" for a request body.
    /// </summary>
    public static bool TryRead(string text, string file, Func<string, string?>? environment, ErrorList errors, out ConfigNode? root,
        string syntax = "YAML")
    {
        root = null;
        if (SizeLimitBreach(text, file) is { } tooLarge)
        {
            errors.Add(tooLarge);
            return false;
        }

        var reader = new YamlDocumentReader(file, syntax, environment);
        var scanner = new Scanner(new StringReader(text));
        try
        {
            root = reader.ReadStream(new Parser(scanner));
        }
        catch (LimitException e)
        {
            errors.Add(e.Error);
            return false;
        }
        catch (YamlException e)
        {
            // Where a tab breaks the indentation, the start mark is the mapping that holds it, often lines above, or no
            // mark at all (1:1); the tab is at the end mark, or, without one, where the scanner stopped.
            var mark = !e.Message.Contains("tab", StringComparison.Ordinal) ? e.Start
                : e.End.Index > 0 ? e.End
                : scanner.CurrentPosition;
            errors.Add(new ConfigError(file, Line(mark), Column(mark), "", reader.CleanMessage(e)));
            return false;
        }
        catch (ArgumentException e)
        {
            // YamlDotNet's scanner throws this for a tag that is no valid URI (`!!str[x`), with the message alone.
            errors.Add(new ConfigError(file, Line(scanner.CurrentPosition), Column(scanner.CurrentPosition), "",
                $"invalid {syntax}: {e.Message.Replace(" (Parameter 'value')", "", StringComparison.Ordinal)}"));
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, unexplained, on some broken flow collections; where it stopped is the best hint.
            errors.Add(new ConfigError(file, Line(scanner.CurrentPosition), Column(scanner.CurrentPosition), "",
                $"invalid {syntax}: the parser stopped here; look for an unclosed '[', '{{' or quote above"));
            return false;
        }

        foreach (var error in reader._errors)
        {
            errors.Add(error);
        }

        return true;
    }

    /// <summary>The error for a document over <see cref="ConfigLimits.MaxDocumentBytes"/>, placed where it passes the limit.</summary>
    internal static ConfigError? SizeLimitBreach(string text, string file)
    {
        // A UTF-16 character takes at most three bytes in UTF-8, so a text this short cannot be over the limit.
        if (text.Length <= ConfigLimits.MaxDocumentBytes / 3 || Encoding.UTF8.GetByteCount(text) <= ConfigLimits.MaxDocumentBytes)
        {
            return null;
        }

        int line = 1;
        int column = 1;
        int bytes = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsSurrogate(c) ? 2 : 3;
            if (bytes > ConfigLimits.MaxDocumentBytes)
            {
                break;
            }

            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new ConfigError(file, line, column, "", TooLargeMessage(Encoding.UTF8.GetByteCount(text)));
    }

    /// <summary>Says how large the document is and what the limit is.</summary>
    internal static string TooLargeMessage(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"the document is {bytes} bytes, over the limit of {ConfigLimits.MaxDocumentBytes} bytes (1 MiB); it passes the limit here");

    private ConfigNode? ReadStream(Parser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadDocument(parser);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            AddError(second.Start, "", "a pipeline file holds one YAML document; remove the second '---'");
            return root;
        }

        parser.Consume<StreamEnd>();
        return root;
    }

    /// <summary>Reads the document's root node with an explicit stack of open lists and mappings.</summary>
    private ConfigNode ReadDocument(Parser parser)
    {
        while (true)
        {
            ConfigNode node;
            int size;
            if (_stack.Count > 0 && _stack[^1] is { } top && TryClose(parser, top))
            {
                _stack.RemoveAt(_stack.Count - 1);
                node = top.Build(_file);
                size = top.Size;
                Remember(top.Start.Anchor, node, size);
            }
            else if (_stack.Count > 0 && _stack[^1] is { IsMapping: true, State: KeyState.AwaitingKey } mapping
                && parser.Accept<Scalar>(out var keyEvent))
            {
                parser.MoveNext();
                ReadKey(mapping, keyEvent);
                continue;
            }
            else if (!TryReadLeaf(parser, out node, out size))
            {
                continue;
            }

            if (_stack.Count == 0)
            {
                return node;
            }

            Add(_stack[^1], node, size);
        }
    }

    private static bool TryClose(Parser parser, Frame frame) => frame.IsMapping
        ? frame.State == KeyState.AwaitingKey && parser.TryConsume<MappingEnd>(out _)
        : parser.TryConsume<SequenceEnd>(out _);

    /// <summary>
    /// Reads a scalar or an alias into <paramref name="node"/>, or opens a list or mapping (pushing it and returning
    /// false). Where a mapping expects a key and this is not a scalar, the node is read as a key to be refused.
    /// </summary>
    private bool TryReadLeaf(Parser parser, out ConfigNode node, out int size)
    {
        if (_stack.Count > 0 && _stack[^1] is { IsMapping: true, State: KeyState.AwaitingKey } mapping)
        {
            AddError(parser.Current!.Start, PathOf(_stack.Count), "a key must be a plain string, not a list or a mapping");
            mapping.State = KeyState.ReadingBadKey;
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            size = 1;
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                node = target.Node;
                size = target.Size;
            }
            else
            {
                AddError(alias.Start, PathOf(_stack.Count + 1), $"unknown alias '*{alias.Value.Value}'");
                node = new ScalarNode(_file, Line(alias.Start), Column(alias.Start), "", isPlain: false) { SubstitutionFailed = true };
            }

            Count(alias.Start, size);
            return true;
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            if (scalar.Value.Length > ConfigLimits.MaxScalarLength)
            {
                throw Breach(scalar.Start, string.Create(CultureInfo.InvariantCulture,
                    $"a value of {scalar.Value.Length} characters is over the limit of {ConfigLimits.MaxScalarLength}"));
            }

            Count(scalar.Start, 1);
            size = 1;
            node = ReadScalar(scalar);
            Remember(scalar.Anchor, node, size);
            return true;
        }

        NodeEvent start = parser.TryConsume<SequenceStart>(out var sequenceStart) ? sequenceStart : parser.Consume<MappingStart>();
        if (_stack.Count >= ConfigLimits.MaxDepth)
        {
            throw Breach(start.Start, string.Create(CultureInfo.InvariantCulture,
                $"lists and mappings nest deeper than the limit of {ConfigLimits.MaxDepth} levels"));
        }

        Count(start.Start, 1);
        _stack.Add(new Frame(start));
        node = null!;
        size = 0;
        return false;
    }

    private void ReadKey(Frame mapping, Scalar keyEvent)
    {
        if (keyEvent.Value.Length > ConfigLimits.MaxKeyLength)
        {
            throw Breach(keyEvent.Start, string.Create(CultureInfo.InvariantCulture,
                $"a key of {keyEvent.Value.Length} characters is over the limit of {ConfigLimits.MaxKeyLength}"));
        }

        Count(keyEvent.Start, 1);
        mapping.Key = new ScalarNode(_file, Line(keyEvent.Start), Column(keyEvent.Start), keyEvent.Value, keyEvent.Style == ScalarStyle.Plain);
        mapping.State = KeyState.AwaitingValue;
    }

    /// <summary>Puts a finished node into the list or mapping that holds it.</summary>
    private void Add(Frame parent, ConfigNode node, int size)
    {
        parent.Size += size;
        if (!parent.IsMapping)
        {
            parent.Items!.Add(node);
            return;
        }

        switch (parent.State)
        {
            case KeyState.ReadingBadKey:
                parent.State = KeyState.DiscardingValue;
                return;
            case KeyState.DiscardingValue:
                parent.State = KeyState.AwaitingKey;
                return;
        }

        var key = parent.Key!;
        parent.State = KeyState.AwaitingKey;
        parent.Key = null;
        if (parent.FirstLines!.TryGetValue(key.Value, out int firstLine))
        {
            _errors.Add(new ConfigError(_file, key.Line, key.Column, KeyPaths.Child(PathOf(_stack.Count), key.Value),
                string.Create(CultureInfo.InvariantCulture, $"duplicate key '{key.Value}'; first defined at line {firstLine}")));
            return;
        }

        parent.FirstLines.Add(key.Value, key.Line);
        parent.Entries!.Add(new(key, node));
    }

    private ScalarNode ReadScalar(Scalar scalar)
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
            AddError(scalar.Start, PathOf(_stack.Count + 1), error!);
            return new ScalarNode(_file, Line(scalar.Start), Column(scalar.Start), "", isPlain) { Variables = variables, SubstitutionFailed = true };
        }

        if (value.Length > ConfigLimits.MaxScalarLength)
        {
            throw Breach(scalar.Start, string.Create(CultureInfo.InvariantCulture,
                $"a value of {value.Length} characters after substitution is over the limit of {ConfigLimits.MaxScalarLength}"));
        }

        return new ScalarNode(_file, Line(scalar.Start), Column(scalar.Start), value, isPlain) { Variables = variables };
    }

    private void Remember(AnchorName anchor, ConfigNode node, int size)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, size);
        }
    }

    private void Count(Mark mark, int size)
    {
        _nodes += size;
        if (_nodes > ConfigLimits.MaxNodes)
        {
            throw Breach(mark, string.Create(CultureInfo.InvariantCulture,
                $"the document, with its aliases repeated, holds more than the limit of {ConfigLimits.MaxNodes} values"));
        }
    }

    /// <summary>
    /// The key path of a node whose parent is <c>_stack[depth - 1]</c> (depth 0: the root): only the outermost
    /// <paramref name="depth"/> frames count.
    /// </summary>
    private string PathOf(int depth)
    {
        var path = new StringBuilder();
        for (int i = 0; i < Math.Min(depth, _stack.Count); i++)
        {
            var frame = _stack[i];
            if (!frame.IsMapping)
            {
                path.Append('[').Append(frame.Items!.Count.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (frame.Key is { } key)
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(key.Value);
            }
        }

        return path.ToString();
    }

    private LimitException Breach(Mark mark, string message) =>
        new(new ConfigError(_file, Line(mark), Column(mark), PathOf(_stack.Count + 1), message));

    private void AddError(Mark mark, string path, string message) =>
        _errors.Add(new ConfigError(_file, Line(mark), Column(mark), path, message));

    private static int Line(Mark mark) => (int)mark.Line;

    private static int Column(Mark mark) => (int)mark.Column;

    /// <summary>YamlDotNet prefixes its messages with both marks; the error already carries the position.</summary>
    private string CleanMessage(YamlException e)
    {
        string message = MarkPrefix().Replace(e.Message, "");
        return message.Length == 0 ? $"invalid {_syntax}" : $"invalid {_syntax}: {message}";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    /// <summary>Where a mapping is between its keys and values.</summary>
    private enum KeyState
    {
        AwaitingKey,
        AwaitingValue,
        ReadingBadKey,
        DiscardingValue,
    }

    /// <summary>A list or mapping being read.</summary>
    private sealed class Frame(NodeEvent start)
    {
        public NodeEvent Start { get; } = start;

        public bool IsMapping { get; } = start is MappingStart;

        public List<ConfigNode>? Items { get; } = start is MappingStart ? null : [];

        public List<KeyValuePair<ScalarNode, ConfigNode>>? Entries { get; } = start is MappingStart ? [] : null;

        public Dictionary<string, int>? FirstLines { get; } = start is MappingStart ? new(StringComparer.Ordinal) : null;

        public KeyState State { get; set; }

        public ScalarNode? Key { get; set; }

        /// <summary>Nodes within, the frame's own included, each alias counted as the nodes it repeats.</summary>
        public int Size { get; set; } = 1;

        public ConfigNode Build(string file) => IsMapping
            ? new MappingNode(file, Line(Start.Start), Column(Start.Start), Entries!)
            : new SequenceNode(file, Line(Start.Start), Column(Start.Start), Items!);
    }

    /// <summary>A breach of <see cref="ConfigLimits"/>: ends the read with its one error.</summary>
    private sealed class LimitException(ConfigError error) : Exception(error.Message)
    {
        public ConfigError Error { get; } = error;
    }
}

using System.Globalization;
using System.Text;

namespace Streams.Inference;

/// <summary>Class names: from the options, else from the model's metadata (<c>names</c>, as Ultralytics writes it), else numbers.</summary>
public static class ClassNames
{
    /// <summary>The metadata key Ultralytics writes names under.</summary>
    public const string MetadataKey = "names";

    /// <summary>
    /// Parses Ultralytics' <c>names</c>: a Python dict <c>{0: 'person', 1: "o'clock"}</c>, or a list
    /// <c>['person', 'car']</c> (JSON forms too). Indices missing from a dict are named by their number.
    /// </summary>
    /// <exception cref="FormatException">The text is neither form.</exception>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        var byIndex = new SortedDictionary<int, string>();
        int i = 1;
        if (s.StartsWith('['))
        {
            int index = 0;
            while (SkipSpaceAndCommas(s, ref i) && s[i] != ']')
            {
                byIndex[index++] = ReadQuoted(s, ref i);
            }
        }
        else if (s.StartsWith('{'))
        {
            while (SkipSpaceAndCommas(s, ref i) && s[i] != '}')
            {
                int key = ReadKey(s, ref i);
                SkipSpaceAndCommas(s, ref i);
                if (i >= s.Length || s[i] != ':')
                {
                    throw new FormatException($"Expected ':' at {i} in class names \"{Shorten(s)}\".");
                }

                i++;
                SkipSpaceAndCommas(s, ref i);
                byIndex[key] = ReadQuoted(s, ref i);
            }
        }
        else
        {
            throw new FormatException($"Class names must be a dict or a list, not \"{Shorten(s)}\".");
        }

        if (i >= s.Length)
        {
            throw new FormatException($"Class names \"{Shorten(s)}\" are not closed.");
        }

        int count = byIndex.Count == 0 ? 0 : byIndex.Keys.Max() + 1;
        var names = new string[count];
        for (int k = 0; k < count; k++)
        {
            names[k] = byIndex.TryGetValue(k, out string? name) ? name : k.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }

    /// <summary>
    /// The names to use: <paramref name="configured"/> when given, else the metadata's <c>names</c>, else "0", "1", ...
    /// for <paramref name="classCount"/> classes (0 when unknown: names are then made up on demand by <see cref="NameOf"/>).
    /// </summary>
    /// <exception cref="FormatException">The metadata's names cannot be read.</exception>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> configured, IReadOnlyDictionary<string, string> metadata, int classCount)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(metadata);
        if (configured.Count > 0)
        {
            return configured;
        }

        if (metadata.TryGetValue(MetadataKey, out string? text) && !string.IsNullOrWhiteSpace(text))
        {
            return Parse(text);
        }

        var numbered = new string[classCount];
        for (int k = 0; k < classCount; k++)
        {
            numbered[k] = k.ToString(CultureInfo.InvariantCulture);
        }

        return numbered;
    }

    /// <summary>The name of class <paramref name="classId"/>, or its number when there is none.</summary>
    public static string NameOf(IReadOnlyList<string> names, int classId)
    {
        ArgumentNullException.ThrowIfNull(names);
        return (uint)classId < (uint)names.Count ? names[classId] : classId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The index of <paramref name="name"/> in <paramref name="names"/>, or the number it spells; -1 when neither.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string name)
    {
        ArgumentNullException.ThrowIfNull(names);
        for (int k = 0; k < names.Count; k++)
        {
            if (string.Equals(names[k], name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : -1;
    }

    private static bool SkipSpaceAndCommas(string s, ref int i)
    {
        while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == ','))
        {
            i++;
        }

        return i < s.Length;
    }

    private static int ReadKey(string s, ref int i)
    {
        bool quoted = s[i] is '\'' or '"';
        string key = quoted ? ReadQuoted(s, ref i) : ReadDigits(s, ref i);
        return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value < 100_000
            ? value
            : throw new FormatException($"Class index '{key}' is not a number in class names \"{Shorten(s)}\".");
    }

    private static string ReadDigits(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return s[start..i];
    }

    private static string ReadQuoted(string s, ref int i)
    {
        char quote = s[i];
        if (quote is not ('\'' or '"'))
        {
            throw new FormatException($"Expected a quoted name at {i} in class names \"{Shorten(s)}\".");
        }

        var text = new StringBuilder();
        for (i++; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                text.Append(s[++i]);
            }
            else if (c == quote)
            {
                i++;
                return text.ToString();
            }
            else
            {
                text.Append(c);
            }
        }

        throw new FormatException($"A name is not closed in class names \"{Shorten(s)}\".");
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}

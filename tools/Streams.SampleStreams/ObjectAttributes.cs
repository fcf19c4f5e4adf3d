using System.Globalization;

namespace Streams.SampleStreams;

/// <summary>
/// One line of <c>&lt;name&gt;.attributes.csv</c> (<c>id,class,marked</c>): class is the contract name; marked is 1 or
/// 0 for cars and trucks and empty for persons and bicycles, which do not carry the attribute.
/// </summary>
public sealed record ObjectAttributes(int Id, ObjectClass Class, bool? Marked)
{
    /// <summary>The header line of the file.</summary>
    public const string Header = "id,class,marked";

    /// <summary>Formats the line.</summary>
    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Id},{ObjectClassInfo.Of(Class).Name},{Marked switch { true => "1", false => "0", null => "" }}");

    /// <summary>Parses one line (not the header).</summary>
    public static bool TryParse(string line, out ObjectAttributes? attributes)
    {
        ArgumentNullException.ThrowIfNull(line);
        attributes = null;
        string[] parts = line.Split(',');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int id)
            || !ObjectClassInfo.TryParse(parts[1], out ObjectClass objectClass))
        {
            return false;
        }

        bool? marked;
        switch (parts[2])
        {
            case "1":
                marked = true;
                break;
            case "0":
                marked = false;
                break;
            case "":
                marked = null;
                break;
            default:
                return false;
        }

        attributes = new ObjectAttributes(id, objectClass, marked);
        return true;
    }
}

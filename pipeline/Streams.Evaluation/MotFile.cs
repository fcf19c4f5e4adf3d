using System.Globalization;

namespace Streams.Evaluation;

/// <summary>
/// Reads and writes MOTChallenge text: ground truth <c>frame,id,left,top,width,height,conf,class,visibility</c> and
/// tracker output <c>frame,id,left,top,width,height,conf,class,-1,-1</c> (the classic <c>conf,-1,-1,-1</c> reads as
/// class -1). Fields after the sixth are optional; blank lines are skipped.
/// </summary>
public static class MotFile
{
    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    public static List<MotRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    /// <summary>Reads every row of <paramref name="reader"/>.</summary>
    /// <exception cref="FormatException">A line is not MOTChallenge text; the message names the line.</exception>
    public static List<MotRow> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<MotRow>();
        int number = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!TryParse(line, out MotRow row))
            {
                throw new FormatException($"Line {number} is not a MOTChallenge row: '{line}'.");
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Parses one line.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out MotRow row)
    {
        row = default;
        Span<double> values = stackalloc double[10];
        int count = 0;
        foreach (Range range in line.Split(','))
        {
            if (count == values.Length)
            {
                return false;
            }

            if (!double.TryParse(line[range].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[count]))
            {
                return false;
            }

            count++;
        }

        if (count < 6 || values[0] != Math.Floor(values[0]) || values[0] < 1 || values[1] != Math.Floor(values[1]))
        {
            return false;
        }

        row = new MotRow(
            (int)values[0],
            (long)values[1],
            new Streams.Runtime.BoxF((float)values[2], (float)values[3], (float)values[4], (float)values[5]),
            count > 6 ? (float)values[6] : 1,
            count > 7 ? (int)values[7] : -1,
            count > 8 ? (float)values[8] : -1);
        return true;
    }

    /// <summary>Writes <paramref name="row"/> as tracker output: <c>frame,id,left,top,width,height,conf,class,-1,-1</c>.</summary>
    public static void WriteTrackRow(TextWriter writer, MotRow row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"{row.Frame},{row.Id},{row.Box.Left:0.##},{row.Box.Top:0.##},{row.Box.Width:0.##},{row.Box.Height:0.##},{row.Confidence:0.####},{row.Class},-1,-1"));
        writer.Write('\n');
    }

    /// <summary>Writes <paramref name="row"/> as ground truth: <c>frame,id,left,top,width,height,conf,class,visibility</c>.</summary>
    public static void WriteGroundTruthRow(TextWriter writer, MotRow row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"{row.Frame},{row.Id},{row.Box.Left:0.##},{row.Box.Top:0.##},{row.Box.Width:0.##},{row.Box.Height:0.##},{row.Confidence:0.####},{row.Class},{row.Visibility:0.####}"));
        writer.Write('\n');
    }
}

using System.Globalization;

namespace Streams.SampleStreams;

/// <summary>
/// One MOTChallenge ground-truth line: <c>frame,id,left,top,width,height,conf,class,visibility</c>. Frame is 1-based;
/// the box is in 0-based pixels, clipped to the frame; class is the class id + 1; visibility is the visible fraction
/// of the object's full box; conf is 0 (ignore) where visibility &lt; 0.25, else 1.
/// </summary>
public readonly record struct GroundTruthRow(int Frame, int Id, int Left, int Top, int Width, int Height, int Conf, int ClassNumber, double Visibility)
{
    /// <summary>Rows whose visibility is below this are written with conf 0.</summary>
    public const double IgnoreBelowVisibility = 0.25;

    /// <summary>The contract class (<see cref="ClassNumber"/> - 1).</summary>
    public ObjectClass Class => (ObjectClass)(ClassNumber - 1);

    /// <summary>The (clipped) box.</summary>
    public PixelBox Box => new(Left, Top, Width, Height);

    /// <summary>Formats the row as one line of a MOTChallenge file, visibility to 4 decimals.</summary>
    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Frame},{Id},{Left},{Top},{Width},{Height},{Conf},{ClassNumber},{Visibility:0.####}");

    /// <summary>Parses one line; box values written with decimals are rounded to whole pixels.</summary>
    public static bool TryParse(string line, out GroundTruthRow row)
    {
        ArgumentNullException.ThrowIfNull(line);
        row = default;
        string[] parts = line.Split(',');
        if (parts.Length < 9)
        {
            return false;
        }

        Span<double> values = stackalloc double[9];
        for (int i = 0; i < 9; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        row = new GroundTruthRow(
            (int)values[0], (int)values[1], Round(values[2]), Round(values[3]), Round(values[4]), Round(values[5]),
            (int)values[6], (int)values[7], values[8]);
        return true;
    }

    private static int Round(double value) => (int)Math.Floor(value + 0.5);
}

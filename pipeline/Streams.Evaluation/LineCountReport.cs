using System.Globalization;
using System.Text;

namespace Streams.Evaluation;

/// <summary>Line counts against ground truth, per line, direction and class.</summary>
public sealed record LineCountReport(IReadOnlyList<LineCountRow> Rows)
{
    /// <summary>Crossings in the ground truth.</summary>
    public long TotalExpected
    {
        get
        {
            long sum = 0;
            foreach (LineCountRow r in Rows)
            {
                sum += r.Expected;
            }

            return sum;
        }
    }

    /// <summary>Crossings counted.</summary>
    public long TotalActual
    {
        get
        {
            long sum = 0;
            foreach (LineCountRow r in Rows)
            {
                sum += r.Actual;
            }

            return sum;
        }
    }

    /// <summary>Σ |counted - expected| over every counter.</summary>
    public long TotalAbsoluteError
    {
        get
        {
            long sum = 0;
            foreach (LineCountRow r in Rows)
            {
                sum += Math.Abs(r.Difference);
            }

            return sum;
        }
    }

    /// <summary>1 - error / expected, at least 0; 1 when nothing was expected and nothing counted.</summary>
    public double Accuracy => TotalExpected == 0
        ? (TotalAbsoluteError == 0 ? 1 : 0)
        : Math.Max(0, 1 - ((double)TotalAbsoluteError / TotalExpected));

    /// <summary>A table of the counters that differ or were expected, and the totals.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"line",-16} {"direction",-10} {"class",-10} {"expected",8} {"counted",8} {"diff",6}");
        foreach (LineCountRow r in Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Key.LineId,-16} {r.Key.Direction,-10} {r.Key.ClassName,-10} {r.Expected,8} {r.Actual,8} {r.Difference,6:+0;-0;0}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"total expected {TotalExpected}, counted {TotalActual}, absolute error {TotalAbsoluteError}, accuracy {Accuracy:P1}");
        return text.ToString();
    }
}

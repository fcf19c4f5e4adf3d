namespace Streams.Evaluation;

/// <summary>Compares line counts with ground-truth crossings (e.g. the sample streams' scene.json counts).</summary>
public static class LineCountComparison
{
    /// <summary>
    /// One row per counter present in either map (missing counts are 0), ordered by line, direction and class.
    /// </summary>
    public static LineCountReport Compare(IReadOnlyDictionary<LineCountKey, long> expected, IReadOnlyDictionary<LineCountKey, long> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var keys = new SortedSet<LineCountKey>(Comparer<LineCountKey>.Create(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.LineId, b.LineId);
            c = c != 0 ? c : string.CompareOrdinal(a.Direction, b.Direction);
            return c != 0 ? c : string.CompareOrdinal(a.ClassName, b.ClassName);
        }));
        keys.UnionWith(expected.Keys);
        keys.UnionWith(actual.Keys);
        var rows = new List<LineCountRow>(keys.Count);
        foreach (LineCountKey key in keys)
        {
            rows.Add(new LineCountRow(key, expected.GetValueOrDefault(key), actual.GetValueOrDefault(key)));
        }

        return new LineCountReport(rows);
    }
}

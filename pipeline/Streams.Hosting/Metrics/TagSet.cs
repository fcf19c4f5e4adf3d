namespace Streams.Hosting.Metrics;

/// <summary>
/// Up to four tags of one measurement, held by value so that aggregating a measurement allocates nothing once its
/// tag combination has been seen.
/// </summary>
internal readonly struct TagSet : IEquatable<TagSet>
{
    public const int MaxTags = 4;

    private readonly KeyValuePair<string, object?> _t0;
    private readonly KeyValuePair<string, object?> _t1;
    private readonly KeyValuePair<string, object?> _t2;
    private readonly KeyValuePair<string, object?> _t3;

    public TagSet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Count = Math.Min(tags.Length, MaxTags);
        _t0 = Count > 0 ? tags[0] : default;
        _t1 = Count > 1 ? tags[1] : default;
        _t2 = Count > 2 ? tags[2] : default;
        _t3 = Count > 3 ? tags[3] : default;
    }

    public int Count { get; }

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => _t0,
        1 => _t1,
        2 => _t2,
        3 => _t3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public bool Equals(TagSet other) =>
        Count == other.Count && Same(_t0, other._t0) && Same(_t1, other._t1) && Same(_t2, other._t2) && Same(_t3, other._t3);

    public override bool Equals(object? obj) => obj is TagSet other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Count, Hash(_t0), Hash(_t1), Hash(_t2), Hash(_t3));

    private static bool Same(KeyValuePair<string, object?> a, KeyValuePair<string, object?> b) =>
        string.Equals(a.Key, b.Key, StringComparison.Ordinal) && Equals(a.Value, b.Value);

    private static int Hash(KeyValuePair<string, object?> tag) => HashCode.Combine(tag.Key, tag.Value);
}

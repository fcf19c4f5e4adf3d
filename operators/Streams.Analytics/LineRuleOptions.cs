namespace Streams.Analytics;

/// <summary>
/// A counting line from <see cref="A"/> to <see cref="B"/>. "In" is a crossing from the left of the directed line
/// A→B to its right as seen on the image (x right, y down) by someone walking from A to B: the sign of
/// (Bx-Ax)(Py-Ay) - (By-Ay)(Px-Ax) goes from negative to positive (the sample streams' convention).
/// </summary>
public sealed record LineRuleOptions
{
    private readonly string _nameIn = "in";
    private readonly string _nameOut = "out";

    /// <summary>Names the line in events and event ids; unique among a stream's zones and lines.</summary>
    public required string Id { get; init; }

    /// <summary>The stream the line applies to. Default null: every stream.</summary>
    public string? Stream { get; init; }

    /// <summary>The first point, in <see cref="Coordinates"/>.</summary>
    public required Point2D A { get; init; }

    /// <summary>The second point, in <see cref="Coordinates"/>; must differ from <see cref="A"/>.</summary>
    public required Point2D B { get; init; }

    /// <summary>What <see cref="A"/> and <see cref="B"/> are measured in. Default pixels.</summary>
    public CoordinateSpace Coordinates { get; init; } = CoordinateSpace.Pixels;

    /// <summary>The direction label of a left-to-right crossing. Default <c>in</c>.</summary>
    public string NameIn { get => _nameIn; init => _nameIn = NotEmpty(value); }

    /// <summary>The direction label of a right-to-left crossing. Default <c>out</c>.</summary>
    public string NameOut { get => _nameOut; init => _nameOut = NotEmpty(value); }

    /// <summary>Only objects of these class ids count. Default null: every class.</summary>
    public IReadOnlyList<int>? Classes { get; init; }

    private static string NotEmpty(string value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return value;
    }
}

namespace Streams.SampleStreams;

/// <summary>
/// One row of the contract's class table: name, colour and size ranges for a 720-pixel-high frame (scale them by
/// height/720).
/// </summary>
public sealed record ObjectClassInfo(
    ObjectClass Class,
    string Name,
    Rgb Color,
    int MinWidth,
    int MaxWidth,
    int MinHeight,
    int MaxHeight)
{
    private static readonly ObjectClassInfo[] s_all =
    [
        new(ObjectClass.Person, "person", new Rgb(210, 40, 40), 14, 22, 30, 44),
        new(ObjectClass.Bicycle, "bicycle", new Rgb(40, 180, 70), 26, 40, 16, 24),
        new(ObjectClass.Car, "car", new Rgb(40, 90, 210), 50, 80, 28, 44),
        new(ObjectClass.Truck, "truck", new Rgb(235, 150, 30), 100, 150, 40, 60),
    ];

    /// <summary>The four classes in class-id order.</summary>
    public static IReadOnlyList<ObjectClassInfo> All => s_all;

    /// <summary>The largest per-channel offset of an object's colour from its class colour.</summary>
    public const int MaxColorJitter = 20;

    /// <summary>Whether objects of this class carry the <c>marked</c> attribute (cars and trucks).</summary>
    public bool CanBeMarked => Class is ObjectClass.Car or ObjectClass.Truck;

    /// <summary>The MOTChallenge class number written to ground truth: class id + 1.</summary>
    public int MotClass => (int)Class + 1;

    /// <summary>The entry for <paramref name="objectClass"/>.</summary>
    public static ObjectClassInfo Of(ObjectClass objectClass) => s_all[(int)objectClass];

    /// <summary>Finds a class by its contract name (<c>person</c>, <c>bicycle</c>, <c>car</c>, <c>truck</c>).</summary>
    public static bool TryParse(string name, out ObjectClass objectClass)
    {
        foreach (ObjectClassInfo info in s_all)
        {
            if (string.Equals(info.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                objectClass = info.Class;
                return true;
            }
        }

        objectClass = default;
        return false;
    }
}

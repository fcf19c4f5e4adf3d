namespace Streams.SampleStreams;

/// <summary>The four object classes of the synthetic world; the value is the contract's class id.</summary>
public enum ObjectClass
{
    /// <summary>Class id 0, red, small and upright.</summary>
    Person = 0,

    /// <summary>Class id 1, green, small and wide.</summary>
    Bicycle = 1,

    /// <summary>Class id 2, blue; may be <c>marked</c>.</summary>
    Car = 2,

    /// <summary>Class id 3, orange, the largest; may be <c>marked</c>.</summary>
    Truck = 3,
}

using System.Globalization;

namespace Streams.SampleStreams;

/// <summary>
/// Everything variable about a generated scene, within the limits of the synthetic-world contract. Sizes and speeds
/// are given for a 720-pixel-high frame and scaled by <see cref="Height"/>/720; the defaults are those of
/// <c>quiet-street</c> and each preset brings its own.
/// </summary>
public sealed record SceneOptions
{
    /// <summary>Frame width in pixels, even, 640 to 1920. Default 1280.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Frame height in pixels, even, 360 to 1080. Default 720.</summary>
    public int Height { get; init; } = 720;

    /// <summary>Frames per second, 5 to 60. Default 30.</summary>
    public int Fps { get; init; } = 30;

    /// <summary>Clip length in seconds, more than 0 and at most 600. Default 20.</summary>
    public double DurationSeconds { get; init; } = 20;

    /// <summary>Seed of every random choice; equal seeds and options give byte-identical frames and ground truth.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Global brightness factor applied to everything, 0.85 to 1.15. Default 1.</summary>
    public double Brightness { get; init; } = 1.0;

    /// <summary>Sigma of the background's gaussian noise in luminance levels, 0 to 8. Default 3 (keeps clips small).</summary>
    public double NoiseSigma { get; init; } = 3;

    /// <summary>Slowest speed in pixels per frame at 720p, 0 to 12. Default 1. A speed under 0.25 parks the object.</summary>
    public double MinSpeed { get; init; } = 1;

    /// <summary>Fastest speed in pixels per frame at 720p, 0 to 12. Default 8.</summary>
    public double MaxSpeed { get; init; } = 8;

    /// <summary>Number of persons over the clip. Default 6.</summary>
    public int Persons { get; init; } = 6;

    /// <summary>Number of bicycles over the clip. Default 2.</summary>
    public int Bicycles { get; init; } = 2;

    /// <summary>Number of cars over the clip. Default 7.</summary>
    public int Cars { get; init; } = 7;

    /// <summary>Number of trucks over the clip. Default 1.</summary>
    public int Trucks { get; init; } = 1;

    /// <summary>Chance that an object stops and waits once on its way, 0 to 1. Default 0.1.</summary>
    public double DwellProbability { get; init; } = 0.1;

    /// <summary>Shortest wait in seconds. Default 1.</summary>
    public double DwellMinSeconds { get; init; } = 1;

    /// <summary>Longest wait in seconds, at most 60. Default 3.</summary>
    public double DwellMaxSeconds { get; init; } = 3;

    /// <summary>Chance that a car or truck is <c>marked</c>, 0 to 1. Default 0.4.</summary>
    public double MarkedProbability { get; init; } = 0.4;

    /// <summary>The number of frames: duration times rate, rounded, at least 1.</summary>
    public int FrameCount => Math.Max(1, (int)Math.Round(DurationSeconds * Fps, MidpointRounding.AwayFromZero));

    /// <summary>The contract's size scale, <see cref="Height"/>/720.</summary>
    public double Scale => Height / 720.0;

    /// <summary>The number of objects of <paramref name="objectClass"/> over the clip.</summary>
    public int CountOf(ObjectClass objectClass) => objectClass switch
    {
        ObjectClass.Person => Persons,
        ObjectClass.Bicycle => Bicycles,
        ObjectClass.Car => Cars,
        ObjectClass.Truck => Trucks,
        _ => throw new ArgumentOutOfRangeException(nameof(objectClass)),
    };

    /// <summary>Every violated limit, worded after the command-line option; empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (Width is < 640 or > 1920 || Width % 2 != 0)
        {
            errors.Add(Format($"--width must be an even number from 640 to 1920 (got {Width})"));
        }

        if (Height is < 360 or > 1080 || Height % 2 != 0)
        {
            errors.Add(Format($"--height must be an even number from 360 to 1080 (got {Height})"));
        }

        if (Fps is < 5 or > 60)
        {
            errors.Add(Format($"--fps must be from 5 to 60 (got {Fps})"));
        }

        if (!(DurationSeconds > 0 && DurationSeconds <= 600))
        {
            errors.Add(Format($"--duration must be more than 0 and at most 600 seconds (got {DurationSeconds})"));
        }

        if (!(Brightness >= 0.85 && Brightness <= 1.15))
        {
            errors.Add(Format($"--brightness must be from 0.85 to 1.15 (got {Brightness})"));
        }

        if (!(NoiseSigma >= 0 && NoiseSigma <= 8))
        {
            errors.Add(Format($"--noise-sigma must be from 0 to 8 (got {NoiseSigma})"));
        }

        if (!(MinSpeed >= 0 && MinSpeed <= 12))
        {
            errors.Add(Format($"--min-speed must be from 0 to 12 pixels per frame (got {MinSpeed})"));
        }

        if (!(MaxSpeed >= 0 && MaxSpeed <= 12))
        {
            errors.Add(Format($"--max-speed must be from 0 to 12 pixels per frame (got {MaxSpeed})"));
        }
        else if (MaxSpeed < MinSpeed)
        {
            errors.Add(Format($"--max-speed ({MaxSpeed}) must not be below --min-speed ({MinSpeed})"));
        }

        foreach (ObjectClassInfo info in ObjectClassInfo.All)
        {
            int count = CountOf(info.Class);
            if (count is < 0 or > 500)
            {
                errors.Add(Format($"--{info.Name}s must be from 0 to 500 (got {count})"));
            }
        }

        if (!(DwellProbability >= 0 && DwellProbability <= 1))
        {
            errors.Add(Format($"--dwell-probability must be from 0 to 1 (got {DwellProbability})"));
        }

        if (!(DwellMinSeconds >= 0 && DwellMinSeconds <= 60))
        {
            errors.Add(Format($"--dwell-min must be from 0 to 60 seconds (got {DwellMinSeconds})"));
        }

        if (!(DwellMaxSeconds >= 0 && DwellMaxSeconds <= 60))
        {
            errors.Add(Format($"--dwell-max must be from 0 to 60 seconds (got {DwellMaxSeconds})"));
        }
        else if (DwellMaxSeconds < DwellMinSeconds)
        {
            errors.Add(Format($"--dwell-max ({DwellMaxSeconds}) must not be below --dwell-min ({DwellMinSeconds})"));
        }

        if (!(MarkedProbability >= 0 && MarkedProbability <= 1))
        {
            errors.Add(Format($"--marked-probability must be from 0 to 1 (got {MarkedProbability})"));
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every violated limit.</summary>
    public void EnsureValid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}

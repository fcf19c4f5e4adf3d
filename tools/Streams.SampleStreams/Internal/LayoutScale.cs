namespace Streams.SampleStreams.Internal;

/// <summary>
/// Maps a preset's reference layout (drawn for 1280x720) to the rendered size: x by width/1280, y by height/720,
/// object sizes and speeds by height/720 as the contract says.
/// </summary>
internal readonly record struct LayoutScale(int Width, int Height)
{
    public const double ReferenceWidth = 1280;
    public const double ReferenceHeight = 720;

    public double Sx => Width / ReferenceWidth;

    public double Sy => Height / ReferenceHeight;

    /// <summary>The contract's size scale.</summary>
    public double S => Height / ReferenceHeight;

    public double X(double referenceX) => referenceX * Sx;

    public double Y(double referenceY) => referenceY * Sy;

    public ScenePoint P(double referenceX, double referenceY) => new(X(referenceX), Y(referenceY));

    /// <summary>A point with integer coordinates, for lines and zones declared to users.</summary>
    public ScenePoint RoundedP(double referenceX, double referenceY) =>
        new(Math.Floor(X(referenceX) + 0.5), Math.Floor(Y(referenceY) + 0.5));

    /// <summary>A rectangle from reference edges.</summary>
    public PixelBox Rect(double left, double top, double right, double bottom) => PixelBox.FromEdges(
        Round(X(left)), Round(Y(top)), Round(X(right)), Round(Y(bottom)));

    /// <summary>A marking thickness: <paramref name="referencePixels"/> scaled, at least 2 and at most 8 px.</summary>
    public int MarkWidth(double referencePixels) => Math.Clamp(Round(referencePixels * S), 2, 8);

    private static int Round(double v) => (int)Math.Floor(v + 0.5);
}

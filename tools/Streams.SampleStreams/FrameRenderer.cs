using System.Diagnostics;
using System.Numerics;
using Streams.SampleStreams.Internal;

namespace Streams.SampleStreams;

/// <summary>
/// Renders a scene's frames as packed rgb24 (3 bytes per pixel, rows top to bottom, no padding). The static
/// background is painted once; each frame copies it with a fresh slice of precomputed noise per row (vectorised)
/// and then copies each object's precomputed rows. <see cref="Render"/> is thread-safe: frames may be rendered in
/// any order and in parallel, and the same frame always gives the same bytes.
/// </summary>
public sealed class FrameRenderer
{
    private readonly Scene _scene;
    private readonly byte[] _base;
    private readonly byte[] _noise;
    private readonly bool _hasNoise;
    private readonly Dictionary<int, Sprite> _sprites = [];

    /// <summary>Paints the background of <paramref name="scene"/> and prepares its objects.</summary>
    public FrameRenderer(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        _scene = scene;
        SceneOptions o = scene.Options;
        _base = BackgroundPainter.PaintBase(scene.Background, o.Width, o.Height, o.Brightness, o.NoiseSigma, o.Seed);
        _noise = BackgroundPainter.CreateNoiseTable(o.Seed, o.NoiseSigma);
        _hasNoise = o.NoiseSigma > 0;
        foreach (SceneObject obj in scene.Objects)
        {
            _sprites[obj.Id] = new Sprite(obj, o.Brightness);
        }
    }

    /// <summary>Bytes in one frame: width * height * 3.</summary>
    public int FrameBytes => _base.Length;

    /// <summary>Writes frame index <paramref name="frame"/> (0-based) into <paramref name="destination"/> as rgb24.</summary>
    public void Render(int frame, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, _scene.FrameCount);
        if (destination.Length < _base.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; a frame needs {_base.Length}", nameof(destination));
        }

        int width = _scene.Width;
        int height = _scene.Height;
        int stride = width * 3;
        if (_hasNoise)
        {
            Prng rng = new(_scene.Options.Seed, RngStreams.FrameNoiseBase + (ulong)frame);
            int maxOffset = BackgroundPainter.NoiseTablePixels - width;
            for (int y = 0; y < height; y++)
            {
                int offset = rng.NextInt(0, maxOffset) * 3;
                AddWrapping(_base.AsSpan(y * stride, stride), _noise.AsSpan(offset, stride), destination.Slice(y * stride, stride));
            }
        }
        else
        {
            _base.CopyTo(destination);
        }

        foreach ((SceneObject obj, PixelBox box) in _scene.PlacementsAt(frame))
        {
            PixelBox clipped = box.ClipTo(width, height);
            if (clipped.IsEmpty)
            {
                continue;
            }

            Sprite sprite = _sprites[obj.Id];
            int from = (clipped.Left - box.Left) * 3;
            int length = clipped.Width * 3;
            for (int y = clipped.Top; y < clipped.Bottom; y++)
            {
                sprite.Row(y - box.Top).AsSpan(from, length).CopyTo(destination.Slice((y * stride) + (clipped.Left * 3), length));
            }
        }
    }

    /// <summary>destination = a + b with byte wrap-around; the painter guarantees no sum actually wraps.</summary>
    internal static void AddWrapping(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
    {
        Debug.Assert(a.Length == b.Length && a.Length == destination.Length, "equal lengths");
        int i = 0;
        int lanes = Vector<byte>.Count;
        for (; i <= a.Length - lanes; i += lanes)
        {
            (new Vector<byte>(a[i..]) + new Vector<byte>(b[i..])).CopyTo(destination[i..]);
        }

        for (; i < a.Length; i++)
        {
            destination[i] = unchecked((byte)(a[i] + b[i]));
        }
    }

    /// <summary>An object's three kinds of row, after brightness: outline rows, plain rows, rows through the mark.</summary>
    private sealed class Sprite
    {
        private readonly byte[] _edge;
        private readonly byte[] _plain;
        private readonly byte[] _marked;
        private readonly int _thickness;
        private readonly int _height;
        private readonly int _markTop;
        private readonly int _markBottom;

        public Sprite(SceneObject obj, double brightness)
        {
            int w = obj.Width;
            _height = obj.Height;
            Rgb fill = obj.Fill.Scale(brightness);
            Rgb outline = obj.OutlineColor.Scale(brightness);
            Rgb mark = obj.MarkColor.Scale(brightness);
            _thickness = Math.Min(obj.OutlineThickness, Math.Min(w, _height) / 2);

            _edge = Solid(w, outline);
            _plain = Solid(w, fill);
            for (int x = 0; x < _thickness; x++)
            {
                Put(_plain, x, outline);
                Put(_plain, w - 1 - x, outline);
            }

            _marked = _plain;
            PixelBox markBox = obj.MarkBox(new PixelBox(0, 0, w, _height));
            _markTop = markBox.Top;
            _markBottom = markBox.Bottom;
            if (!markBox.IsEmpty)
            {
                _marked = (byte[])_plain.Clone();
                for (int x = markBox.Left; x < markBox.Right; x++)
                {
                    Put(_marked, x, mark);
                }
            }
        }

        public byte[] Row(int y)
        {
            if (y < _thickness || y >= _height - _thickness)
            {
                return _edge;
            }

            return y >= _markTop && y < _markBottom ? _marked : _plain;
        }

        private static byte[] Solid(int width, Rgb color)
        {
            byte[] row = new byte[width * 3];
            for (int x = 0; x < width; x++)
            {
                Put(row, x, color);
            }

            return row;
        }

        private static void Put(byte[] row, int x, Rgb color)
        {
            row[x * 3] = color.R;
            row[(x * 3) + 1] = color.G;
            row[(x * 3) + 2] = color.B;
        }
    }
}

using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>
/// Sums per-anchor rectangles and one-cell strips of the detector's planes with few lookups. From the planes padded
/// by one zero cell on every side ([N, C, S, S], S = Grid + 2) it keeps three running sums, each flattened to
/// [N, C * S^2]: column sums (down each column), row sums (along each row, stored transposed) and the integral image
/// (stored transposed). A box needs four integral corners, a strip two running-sum ends, and every coordinate may
/// reach one cell past the grid (the zero padding), which makes a strip beyond the border sum to 0. All lookups of
/// one kind go through one GatherElements with int32 indices.
/// </summary>
internal sealed class RegionSums
{
    /// <summary>Side of the padded planes.</summary>
    public const int Side = DemoDetector.Grid + 2;

    private readonly GraphBuilder _g;
    private readonly Value _columns;
    private readonly Value _rows;
    private readonly Value _integral;
    private readonly List<Value> _boxCorners = [];
    private readonly List<Value> _columnEnds = [];
    private readonly List<Value> _rowEnds = [];
    private readonly List<(int Kind, int Index)> _regions = [];

    /// <summary>Prepares the running sums of <paramref name="planes"/> ([N, channels, Grid, Grid]).</summary>
    public RegionSums(GraphBuilder g, Value planes, int channels)
    {
        _g = g;
        Value padded = g.Pad(planes, [0, 0, 1, 1, 0, 0, 1, 1]);

        // CumSum along the last axis is several times slower in ONNX Runtime than along rows, so row sums and the
        // integral run on transposes: rows[x, y] and integral[x, y] are x-major.
        // With the zero first row and column, an inclusive running sum at padded index i covers grid cells before i:
        // columns[y, x + 1] = sum of rows < y in column x, rows[x, y + 1] = sum of columns < x in row y, and
        // integral[x, y] = sum over columns < x and rows < y.
        Value columns = g.CumSum(padded, 2);
        _columns = g.Reshape(columns, 0, -1);
        _rows = g.Reshape(g.CumSum(g.Transpose(padded, 0, 1, 3, 2), 2), 0, -1);
        _integral = g.Reshape(g.CumSum(g.Transpose(columns, 0, 1, 3, 2), 2), 0, -1);
        Channels = channels;
    }

    private RegionSums(RegionSums other)
    {
        _g = other._g;
        _columns = other._columns;
        _rows = other._rows;
        _integral = other._integral;
        Channels = other.Channels;
    }

    /// <summary>A new, empty set of lookups over the same running sums (for regions that depend on earlier sums).</summary>
    public RegionSums Another() => new(this);

    /// <summary>The number of planes.</summary>
    public int Channels { get; }

    /// <summary>The flat offset of plane <paramref name="channel"/>.</summary>
    public static int PlaneOffset(int channel) => channel * Side * Side;

    /// <summary>Adds the box of columns [l, r) and rows [t, b) (float maps [N,1,A] of whole numbers, 0..Grid) of the plane at <paramref name="offset"/> (int32 [N,1,A] or scalar).</summary>
    public int AddBox(Value offset, Value l, Value r, Value t, Value b)
    {
        Value stride = _g.Int32Scalar(Side);
        Value left = _g.Add(_g.Mul(Int(l), stride), offset);
        Value right = _g.Add(_g.Mul(Int(r), stride), offset);
        Value top = Int(t);
        Value bottom = Int(b);

        // Plus corners first, then minus: sum = I(r,b) + I(l,t) - I(l,b) - I(r,t).
        _boxCorners.AddRange([_g.Add(right, bottom), _g.Add(left, top), _g.Add(left, bottom), _g.Add(right, top)]);
        _regions.Add((0, (_boxCorners.Count / 4) - 1));
        return _regions.Count - 1;
    }

    /// <summary>
    /// Adds the one-cell strips along the four sides of the box [l, r) x [t, b), in the order left, right, top, bottom:
    /// <paramref name="distance"/> 0 is the first column (row) inside each side, 1 the one just outside, 2 the next.
    /// </summary>
    public int[] AddStrips(Value offset, Value l, Value r, Value t, Value b, int distance, bool left = true, bool right = true, bool top = true, bool bottom = true)
    {
        List<int> ids = [];
        float before = -distance;
        float after = distance == 0 ? -1 : distance - 1;
        if (left)
        {
            ids.Add(AddColumn(offset, Shift(l, before), t, b));
        }

        if (right)
        {
            ids.Add(AddColumn(offset, Shift(r, after), t, b));
        }

        if (top)
        {
            ids.Add(AddRow(offset, Shift(t, before), l, r));
        }

        if (bottom)
        {
            ids.Add(AddRow(offset, Shift(b, after), l, r));
        }

        return [.. ids];
    }

    /// <summary>Gathers every lookup and returns one [N,1,A] sum per region, in the order added.</summary>
    public Value[] Gather()
    {
        Value[]? boxes = _boxCorners.Count == 0 ? null : Lookup(_integral, _boxCorners, 4);
        Value[]? columns = _columnEnds.Count == 0 ? null : Lookup(_columns, _columnEnds, 2);
        Value[]? rows = _rowEnds.Count == 0 ? null : Lookup(_rows, _rowEnds, 2);
        Value[] sums = new Value[_regions.Count];
        for (int i = 0; i < sums.Length; i++)
        {
            (int kind, int index) = _regions[i];
            sums[i] = kind switch
            {
                0 => boxes![index],
                1 => columns![index],
                _ => rows![index],
            };
        }

        return sums;
    }

    /// <summary>Column x (may be -1 or Grid: the zero padding), rows [t, b).</summary>
    private int AddColumn(Value offset, Value x, Value t, Value b)
    {
        Value column = _g.Add(Int(x), _g.Int32Scalar(1));
        Value offsetColumn = _g.Add(offset, column);
        Value stride = _g.Int32Scalar(Side);
        _columnEnds.AddRange([_g.Add(offsetColumn, _g.Mul(Int(b), stride)), _g.Add(offsetColumn, _g.Mul(Int(t), stride))]);
        _regions.Add((1, (_columnEnds.Count / 2) - 1));
        return _regions.Count - 1;
    }

    /// <summary>Row y (may be -1 or Grid: the zero padding), columns [l, r).</summary>
    private int AddRow(Value offset, Value y, Value l, Value r)
    {
        Value row = _g.Add(_g.Add(Int(y), _g.Int32Scalar(1)), offset);
        Value stride = _g.Int32Scalar(Side);
        _rowEnds.AddRange([_g.Add(row, _g.Mul(Int(r), stride)), _g.Add(row, _g.Mul(Int(l), stride))]);
        _regions.Add((2, (_rowEnds.Count / 2) - 1));
        return _regions.Count - 1;
    }

    private Value[] Lookup(Value source, List<Value> indices, int perRegion)
    {
        int count = indices.Count / perRegion;
        Value index = _g.Reshape(_g.Concat(1, [.. indices]), 0, -1);
        Value gathered = _g.Reshape(_g.GatherElements(source, index, 1), 0, count, perRegion, DemoDetector.Anchors);
        float[] signs = perRegion == 4 ? [1f, 1f, -1f, -1f] : [1f, -1f];
        Value weights = _g.Initializer("lookup_signs", [1, 1, perRegion, 1], signs);
        Value sums = _g.ReduceSum(_g.Mul(gathered, weights), [2], keepDims: false);
        if (count == 1)
        {
            return [sums];
        }

        long[] sizes = new long[count];
        Array.Fill(sizes, 1L);
        return _g.Split(sums, 1, sizes);
    }

    /// <summary>x + by, clamped to [-1, Grid] (one cell into the zero padding on either side).</summary>
    private Value Shift(Value x, float by)
    {
        Value shifted = by == 0 ? x : _g.Add(x, by);
        return _g.Min(_g.Max(shifted, _g.Scalar(-1f)), _g.Scalar(DemoDetector.Grid));
    }

    private Value Int(Value x) => _g.Cast(x, TensorElementType.Int32);
}

using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>Stage 3 of the detector: candidate boxes at the anchors, their checks, scores and the output.</summary>
internal static partial class DemoDetector
{
    private static void Boxes(GraphBuilder g, ColourPlanes c, RunEdges e, bool debugOutputs)
    {
        // Running sums of the class masks, the foreground, the frame's edge and the colour steps for region lookups.
        Value masks = g.Concat(1, c.Mask, c.Foreground, c.Edge, c.StepsX, c.StepsY);
        RegionSums regions = new(g, masks, channels: 8);

        // 4. Anchors: every other cell (odd rows and columns), flattened to [N, C, A].
        Value l = Anchor(g, e.Left, 0, 0);
        Value r = Anchor(g, e.Right, 0, 0);
        Value t = Anchor(g, e.Top, 0, 0);
        Value b = Anchor(g, e.Bottom, 0, 0);
        Value classMask = Anchor(g, c.Mask, 0, 0);
        Value anchorLabel = Anchor(g, c.Label, 0, 0);

        // An own-class run box is trusted only where a neighbouring row (for left/right) and a neighbouring column
        // (for top/bottom) agree within a cell: a ragged edge row or a notch does not propose a truncated box. (The
        // foreground box, the fallback for covered objects, goes without: its other tests suffice.)
        Value ownLeft = g.Channels(e.Left, 0, 1), ownRight = g.Channels(e.Right, 0, 1);
        Value ownTop = g.Channels(e.Top, 0, 1), ownBottom = g.Channels(e.Bottom, 0, 1);
        Value l0 = Anchor(g, ownLeft, 0, 0), r0 = Anchor(g, ownRight, 0, 0), t0 = Anchor(g, ownTop, 0, 0), b0 = Anchor(g, ownBottom, 0, 0);
        Value steady = g.And(
            g.Or(Agree(g, l0, r0, Anchor(g, ownLeft, -1, 0), Anchor(g, ownRight, -1, 0)), Agree(g, l0, r0, Anchor(g, ownLeft, 1, 0), Anchor(g, ownRight, 1, 0))),
            g.Or(Agree(g, t0, b0, Anchor(g, ownTop, 0, -1), Anchor(g, ownBottom, 0, -1)), Agree(g, t0, b0, Anchor(g, ownTop, 0, 1), Anchor(g, ownBottom, 0, 1))));

        Value[] ls = g.Split(l, 1, 1, 1);
        Value[] rs = g.Split(r, 1, 1, 1);
        Value[] ts = g.Split(t, 1, 1, 1);
        Value[] bs = g.Split(b, 1, 1, 1);
        Value lc = ls[0], rc = rs[0], tc = ts[0], bc = bs[0];
        Value lf = ls[1], rf = rs[1], tf = ts[1], bf = bs[1];
        // Region sums: boxes, and one-cell strips along their sides.
        Value ownOffset = g.Mul(g.Cast(g.Max(g.Sub(anchorLabel, 1f), g.Scalar(0f)), TensorElementType.Int32), g.Int32Scalar(RegionSums.PlaneOffset(1)));
        Value foreOffset = g.Int32Scalar(RegionSums.PlaneOffset(4));
        int foreF = regions.AddBox(foreOffset, lf, rf, tf, bf);
        int foreC = regions.AddBox(foreOffset, lc, rc, tc, bc);
        int ownF = regions.AddBox(ownOffset, lf, rf, tf, bf);
        int ownC = regions.AddBox(ownOffset, lc, rc, tc, bc);

        // Own-class strips one and two cells beyond each side of the own-class box (empty where cut by the border).
        int[] near = regions.AddStrips(ownOffset, lc, rc, tc, bc, distance: 1);
        int[] far = regions.AddStrips(ownOffset, lc, rc, tc, bc, distance: 2);

        // Own-class strips just inside each side of the foreground box.
        int[] inner = regions.AddStrips(ownOffset, lf, rf, tf, bf, distance: 0);

        // Colour steps along each side of the own-class box: a step before column l (row t) is stored at l (t), so
        // the left and top lines are the first inside, the right and bottom ones the first outside.
        Value stepsXOffset = g.Int32Scalar(RegionSums.PlaneOffset(6));
        Value stepsYOffset = g.Int32Scalar(RegionSums.PlaneOffset(7));
        int[] stepLines =
        [
            .. regions.AddStrips(stepsXOffset, lc, rc, tc, bc, distance: 0, right: false, top: false, bottom: false),
            .. regions.AddStrips(stepsXOffset, lc, rc, tc, bc, distance: 1, left: false, top: false, bottom: false),
            .. regions.AddStrips(stepsYOffset, lc, rc, tc, bc, distance: 0, left: false, right: false, bottom: false),
            .. regions.AddStrips(stepsYOffset, lc, rc, tc, bc, distance: 1, left: false, right: false, top: false),
        ];
        Value[] sums = regions.Gather();

        Value widthC = Positive(g, g.Sub(rc, lc));
        Value heightC = Positive(g, g.Sub(bc, tc));
        Value widthF = Positive(g, g.Sub(rf, lf));
        Value heightF = Positive(g, g.Sub(bf, tf));
        Value[] nearShare = Shares(g, sums, near, widthC, heightC);
        Value[] farShare = Shares(g, sums, far, widthC, heightC);
        Value[] innerShare = Shares(g, sums, inner, widthF, heightF);

        // A side whose next row (column) is mostly the same class is a ragged edge of partly covered cells: take it
        // in, so that every anchor of the object proposes the same box. A side whose class goes on two cells beyond
        // was cut short (by an occluder or a notch): the own-class box is not the object.
        // (A side whose class goes on both one and two cells beyond, after a colour step, meets a touching object of
        // the same class: neither taken in nor cut.)
        Value[] stepShare = Shares(g, sums, stepLines, widthC, heightC);
        Value[] ragged = new Value[4];
        Value[] cuts = new Value[4];
        for (int i = 0; i < 4; i++)
        {
            Value nearOwn = g.GreaterOrEqual(nearShare[i], RaggedShare);
            Value farOwn = g.Greater(farShare[i], MaxRingShare);
            Value stepped = g.GreaterOrEqual(stepShare[i], MinStepShare);
            ragged[i] = g.ToFloat(g.And(nearOwn, g.Op("Not", [farOwn])));
            cuts[i] = g.ToFloat(g.And(farOwn, g.Or(g.Op("Not", [nearOwn]), g.Op("Not", [stepped]))));
        }

        Value lcx = g.Sub(lc, ragged[0]);
        Value rcx = g.Add(rc, ragged[1]);
        Value tcx = g.Sub(tc, ragged[2]);
        Value bcx = g.Add(bc, ragged[3]);
        Value cut = g.Max(g.Max(cuts[0], cuts[1]), g.Max(cuts[2], cuts[3]));

        // The foreground box must reach its own class on every side (its first and last rows and columns): then it is
        // the object seen around an occluder, not the object plus a neighbour it touches.
        Value reaches = g.Min(g.Min(innerShare[0], innerShare[1]), g.Min(innerShare[2], innerShare[3]));

        Value areaF = Positive(g, Area(g, lf, rf, tf, bf));
        Value areaC = Positive(g, Area(g, lc, rc, tc, bc));
        Value validF = All(
            g,
            g.GreaterOrEqual(reaches, MinSideShare),
            g.GreaterOrEqual(g.Div(sums[foreF], areaF), MinFill),
            g.GreaterOrEqual(g.Div(sums[ownF], areaF), MinOwnShare));
        Value validC = All(
            g,
            steady,
            g.GreaterOrEqual(g.Div(sums[foreC], areaC), MinFill),
            g.GreaterOrEqual(g.Div(sums[ownC], areaC), MinOwnShare),
            g.LessOrEqual(cut, 0f));

        // The own-class box wins when it is a complete rectangle; otherwise the foreground box (an object partly
        // covered by another class).
        Value boxL = g.Where(validC, lcx, lf);
        Value boxR = g.Where(validC, rcx, rf);
        Value boxT = g.Where(validC, tcx, tf);
        Value boxB = g.Where(validC, bcx, bf);
        Value width = g.Sub(boxR, boxL);
        Value height = g.Sub(boxB, boxT);

        // Shape prior: away from the frame's edge a box must have its class's aspect ratio (the contract's sizes with
        // room for the grid). This drops the visible sliver of a mostly covered object and two same-class objects
        // merged end to end. A box at the image border or beside the letterbox may be cut by the frame: no prior.
        RegionSums edgeRegions = regions.Another();
        int[] edgeStrips = edgeRegions.AddStrips(g.Int32Scalar(RegionSums.PlaneOffset(5)), boxL, boxR, boxT, boxB, distance: 1);
        Value[] edgeSums = edgeRegions.Gather();
        Value edgeCells = g.Max(g.Max(edgeSums[edgeStrips[0]], edgeSums[edgeStrips[1]]), g.Max(edgeSums[edgeStrips[2]], edgeSums[edgeStrips[3]]));
        Value atEdge = g.Or(
            g.Or(g.LessOrEqual(boxL, 0f), g.GreaterOrEqual(boxR, Grid)),
            g.Or(g.Or(g.LessOrEqual(boxT, 0f), g.GreaterOrEqual(boxB, Grid)), g.Greater(edgeCells, 0f)));
        Value aspect = g.Div(width, Positive(g, height));
        Value minAspect = g.ReduceSum(g.Mul(classMask, g.Initializer("min_aspect", [1, 4, 1], s_minAspect)), [1]);
        Value maxAspect = g.ReduceSum(g.Mul(classMask, g.Initializer("max_aspect", [1, 4, 1], s_maxAspect)), [1]);
        Value shaped = g.Or(atEdge, g.And(g.GreaterOrEqual(g.Sub(aspect, minAspect), 0f), g.LessOrEqual(g.Sub(aspect, maxAspect), 0f)));
        Value valid = All(g, g.Or(validF, validC), shaped, g.GreaterOrEqual(width, MinSideCells), g.GreaterOrEqual(height, MinSideCells));

        // 5. Score and output in input pixels (one cell = 2 px, so a centre (l + r) / 2 cells is l + r pixels).
        (Value ax, Value ay) = AnchorCentres(g);
        Value centred = g.Mul(Balance(g, g.Sub(ax, boxL), g.Sub(boxR, ax)), Balance(g, g.Sub(ay, boxT), g.Sub(boxB, ay)));
        Value confidence = g.Mul(g.ToFloat(valid), g.Add(g.Mul(centred, 0.5f), 0.5f));
        Value scores = g.Mul(classMask, confidence);
        Value cx = g.Add(boxL, boxR);
        Value cy = g.Add(boxT, boxB);
        Value w = g.Mul(width, Cell);
        Value h = g.Mul(height, Cell);
        Value output = g.Named(g.Concat(1, cx, cy, w, h, scores), "output0");
        g.Output(output, TensorElementType.Float, "N", 4 + ClassNames.Length, Anchors);
        if (debugOutputs)
        {
            g.Output(g.Named(g.Concat(1, masks, c.Label, c.Natural), "debug_masks"), TensorElementType.Float, "N", 10, Grid, Grid);
            Value anchorInfo = g.Concat(1, lc, rc, tc, bc, lf, rf, tf, bf, g.ToFloat(validC), g.ToFloat(validF), reaches, cut, g.ToFloat(steady), g.ToFloat(steady), g.Div(sums[foreF], areaF), g.Div(sums[ownF], areaF), g.Div(sums[foreC], areaC), g.Div(sums[ownC], areaC));
            g.Output(g.Named(anchorInfo, "debug_anchors"), TensorElementType.Float, "N", 18, Anchors);
        }
    }

    /// <summary>
    /// The anchor cells (odd rows and columns) of <paramref name="x"/>, or of the cells <paramref name="dy"/>,
    /// <paramref name="dx"/> (-1, 0 or 1) away from them, flattened to [N, C, Anchors].
    /// </summary>
    private static Value Anchor(GraphBuilder g, Value x, int dy, int dx)
    {
        Value source = dy > 0 || dx > 0 ? g.Pad(x, [0, 0, 0, 0, 0, 0, dy > 0 ? 1 : 0, dx > 0 ? 1 : 0], 0f) : x;
        Value cells = g.Slice(source, [1 + dy, 1 + dx], [1 + dy + (2 * AnchorGrid) - 1, 1 + dx + (2 * AnchorGrid) - 1], [2, 3], [2, 2]);
        return g.Reshape(cells, 0, 0, Anchors);
    }

    /// <summary>Whether edges (a, b) agree with a neighbour's edges (na, nb) within one cell.</summary>
    private static Value Agree(GraphBuilder g, Value a, Value b, Value na, Value nb) => g.And(
        g.LessOrEqual(g.Op("Abs", [g.Sub(a, na)]), 1f),
        g.LessOrEqual(g.Op("Abs", [g.Sub(b, nb)]), 1f));

    private static Value All(GraphBuilder g, params Value[] conditions)
    {
        Value all = conditions[0];
        for (int i = 1; i < conditions.Length; i++)
        {
            all = g.And(all, conditions[i]);
        }

        return all;
    }

    /// <summary>The share of each of four strips (left, right, top, bottom) that is set: vertical strips over the box height, horizontal ones over its width.</summary>
    private static Value[] Shares(GraphBuilder g, Value[] sums, int[] strips, Value width, Value height) =>
    [
        g.Div(sums[strips[0]], height),
        g.Div(sums[strips[1]], height),
        g.Div(sums[strips[2]], width),
        g.Div(sums[strips[3]], width),
    ];


    private static Value Area(GraphBuilder g, Value l, Value r, Value t, Value b) => g.Mul(g.Sub(r, l), g.Sub(b, t));

    private static Value Positive(GraphBuilder g, Value x) => g.Max(x, g.Scalar(1f));

    /// <summary>min(a, b) / max(a, b): 1 at the middle of a span, towards 0 at its ends.</summary>
    private static Value Balance(GraphBuilder g, Value a, Value b) => g.Div(g.Min(a, b), g.Max(g.Max(a, b), g.Scalar(0.5f)));

    /// <summary>Anchor centres in cells: cell 2j + 1 has its centre at 2j + 1.5.</summary>
    private static (Value X, Value Y) AnchorCentres(GraphBuilder g)
    {
        float[] xs = new float[Anchors];
        float[] ys = new float[Anchors];
        for (int j = 0; j < AnchorGrid; j++)
        {
            for (int i = 0; i < AnchorGrid; i++)
            {
                xs[(j * AnchorGrid) + i] = (2 * i) + 1.5f;
                ys[(j * AnchorGrid) + i] = (2 * j) + 1.5f;
            }
        }

        return (g.Initializer("anchor_x", [1, 1, Anchors], xs), g.Initializer("anchor_y", [1, 1, Anchors], ys));
    }
}

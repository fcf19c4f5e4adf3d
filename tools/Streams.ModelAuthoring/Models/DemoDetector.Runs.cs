using System.Diagnostics;
using Streams.ModelAuthoring.Onnx;

namespace Streams.ModelAuthoring.Models;

/// <summary>Stage 2 of the detector: for every cell, the runs of its class and of the foreground in four directions.</summary>
internal static partial class DemoDetector
{
    /// <summary>Run edges per cell, [N,2,G,G]: channel 0 the own-class run, channel 1 the foreground run.</summary>
    private readonly record struct RunEdges(Value Left, Value Right, Value Top, Value Bottom);

    private static RunEdges Runs(GraphBuilder g, ColourPlanes c)
    {
        Value planes = g.Concat(1, c.Label, c.Foreground);

        // Runs of equal value in both planes: channel 0 gives the own-class box, channel 1 the foreground box.
        // The own-class runs also stop where the colour steps between two (unfilled, mostly covered) class cells:
        // same-class objects that touch have their own jittered colours.
        Value labelOnly = g.Initializer("label_plane_only", [1, 2, 1, 1], [1f, 0f]);
        Value stepsX = g.Mul(c.StepsX, labelOnly);
        Value stepsY = g.Mul(c.StepsY, labelOnly);
        Value leftEdge = RunStart(g, planes, stepsX, horizontal: true);
        Value rightEdge = RunEnd(g, planes, stepsX, horizontal: true);
        Value topEdge = RunStart(g, planes, stepsY, horizontal: false);
        Value bottomEdge = RunEnd(g, planes, stepsY, horizontal: false);
        return new RunEdges(leftEdge, rightEdge, topEdge, bottomEdge);
    }

    /// <summary>
    /// Where the run of equal values through each cell starts (left or top, inclusive): the last change point at or
    /// before the cell within the window; 0 at the border or past the window.
    /// </summary>
    private static Value RunStart(GraphBuilder g, Value planes, Value steps, bool horizontal)
    {
        Value previous = ShiftIn(g, planes, horizontal, fromBefore: true, fill: -1f);
        Value starts = g.Max(g.ToFloat(g.Op("Not", [g.Op("Equal", [planes, previous])])), steps);

        // Change points carry their index, others -1; the windowed maximum is the nearest change point behind.
        Value a = g.Sub(g.Mul(starts, Index(g, horizontal, i => i + 1)), 1f);
        return g.Max(WindowMax(g, a, horizontal, backwards: true, outside: -1f, horizontal ? RunWindowX : RunWindowY), g.Scalar(0f));
    }

    /// <summary>
    /// Where the run of equal values through each cell ends (right or bottom, exclusive): one past the first cell at or
    /// after this one whose successor differs; Grid at the border or past the window.
    /// </summary>
    private static Value RunEnd(GraphBuilder g, Value planes, Value steps, bool horizontal)
    {
        Value next = ShiftIn(g, planes, horizontal, fromBefore: false, fill: -1f);
        Value ends = g.Max(g.ToFloat(g.Op("Not", [g.Op("Equal", [planes, next])])), ShiftIn(g, steps, horizontal, fromBefore: false, fill: 0f));

        // Last cells of runs carry -index, others -Grid; the windowed maximum is minus the nearest last cell ahead.
        Value a = g.Sub(g.Mul(ends, Index(g, horizontal, i => Grid - i)), Grid);
        return g.Min(g.Sub(1f, WindowMax(g, a, horizontal, backwards: false, outside: -Grid, horizontal ? RunWindowX : RunWindowY)), g.Scalar(Grid));
    }

    /// <summary>
    /// Each cell's neighbour value along one axis: the cell before it (<paramref name="fromBefore"/>) or after it, with
    /// <paramref name="fill"/> beyond the border.
    /// </summary>
    private static Value ShiftIn(GraphBuilder g, Value x, bool horizontal, bool fromBefore, float fill)
    {
        long axis = horizontal ? 3 : 2;
        long[] pads = [0, 0, 0, 0, 0, 0, 0, 0];
        pads[(fromBefore ? 0 : 4) + axis] = 1;
        Value kept = fromBefore ? g.Slice(x, [0], [Grid - 1], [axis]) : g.Slice(x, [1], [Grid], [axis]);
        return g.Pad(kept, pads, fill);
    }

    /// <summary>
    /// 1 where a cell and the one before it (along one axis) are both natural class cells whose chromaticities differ
    /// by more than <see cref="ColourStep"/> in some channel: the boundary between two touching objects of one class.
    /// </summary>
    private static Value ColourSteps(GraphBuilder g, Value chroma, Value natural, bool horizontal)
    {
        Value difference = g.Max(g.Split(g.Op("Abs", [g.Sub(chroma, ShiftIn(g, chroma, horizontal, fromBefore: true, fill: 0f))]), 1, 1, 1, 1));
        Value both = g.Mul(natural, ShiftIn(g, natural, horizontal, fromBefore: true, fill: 0f));
        return g.Mul(g.ToFloat(g.Greater(difference, ColourStep)), both);
    }

    /// <summary>A [1,1,1,Grid] (or [1,1,Grid,1]) constant holding f(i) at position i.</summary>
    private static Value Index(GraphBuilder g, bool horizontal, Func<int, float> f)
    {
        float[] values = new float[Grid];
        for (int i = 0; i < Grid; i++)
        {
            values[i] = f(i);
        }

        return g.Initializer(horizontal ? "index_x" : "index_y", horizontal ? [1, 1, 1, Grid] : [1, 1, Grid, 1], values);
    }

    /// <summary>
    /// The maximum of <paramref name="a"/> ([N, 2, Grid, Grid]) over the <paramref name="window"/> cells ending at (or,
    /// forwards, starting at) each cell along one axis, with <paramref name="outside"/> beyond the border. The window
    /// is built from two-tap steps a[i] = max(a[i], a[i + d]) for d = window/2, ..., 2, 1 (any order of the doublings
    /// gives the same window) on an axis padded once by the window and shrinking by d per step. Each step reshapes the
    /// axis to [length/d, d], so that i and i + d are neighbours, and runs a plain 2x1 MaxPool: ONNX Runtime's fast
    /// pooling path, an order of magnitude quicker than a dilated MaxPool and several times quicker than Slice + Max.
    /// </summary>
    private static Value WindowMax(GraphBuilder g, Value a, bool horizontal, bool backwards, float outside, int window)
    {

        long axis = horizontal ? 3 : 2;
        long[] pads = [0, 0, 0, 0, 0, 0, 0, 0];
        pads[(backwards ? 0 : 4) + axis] = window;
        a = g.Pad(a, pads, outside);
        long length = Grid + window;
        for (int d = window / 2; d >= 1; d /= 2)
        {
            Debug.Assert(length % d == 0, "every length is a multiple of the next step");
            length -= d;
            a = g.Max(g.Slice(a, [0], [length], [axis]), g.Slice(a, [d], [length + d], [axis]));
        }

        // length is now Grid + 1: backwards the window ending at cell j sits at j + 1, forwards the one starting at j at j.
        long from = backwards ? 1 : 0;
        return g.Slice(a, [from], [from + Grid], [axis]);
    }
}

using Streams.Runtime;

namespace Streams.Evaluation;

/// <summary>One line of a MOTChallenge file: a box of one object (or track) in one frame.</summary>
/// <param name="Frame">The frame, from 1.</param>
/// <param name="Id">The object's (or track's) id.</param>
/// <param name="Box">Left, top, width, height in pixels.</param>
/// <param name="Confidence">Ground truth: 0 marks a row to ignore, 1 one to evaluate. Tracker output: the score.</param>
/// <param name="Class">The MOTChallenge class (class id + 1 in the synthetic world), or -1 when not given.</param>
/// <param name="Visibility">Ground truth: the visible fraction, 0..1, or -1 when not given.</param>
public readonly record struct MotRow(int Frame, long Id, BoxF Box, float Confidence, int Class, float Visibility);

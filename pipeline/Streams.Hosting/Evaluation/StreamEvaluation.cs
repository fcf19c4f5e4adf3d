using Streams.Evaluation;

namespace Streams.Hosting.Evaluation;

/// <summary>How one replayed clip scored against its ground truth.</summary>
/// <param name="StreamId">The source's id.</param>
/// <param name="Clip">The clip file.</param>
/// <param name="FramesEvaluated">Frames the pipeline delivered (with detection sampling, fewer than the clip has).</param>
/// <param name="Tracking">MOTChallenge metrics over the delivered frames.</param>
/// <param name="Lines">Line counts against the ground truth's own crossings (the whole clip's, or the replayed span's
/// when scored so); null without a scene file.</param>
/// <param name="Tracks">The pipeline's tracks as MOTChallenge rows (class = class id + 1).</param>
/// <param name="Span">The part of the clip that was replayed: up to the last frame that went through the pipeline.</param>
public sealed record StreamEvaluation(
    string StreamId,
    string Clip,
    int FramesEvaluated,
    MotMetrics Tracking,
    LineCountReport? Lines,
    IReadOnlyList<MotRow> Tracks,
    ReplayedSpan Span)
{
    /// <summary>True when every expected line count was matched exactly (or there were none to match).</summary>
    public bool LinesExact => Lines is null || Lines.TotalAbsoluteError == 0;
}

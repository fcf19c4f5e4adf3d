namespace Streams.Inference;

/// <summary>The layout of a detector's output.</summary>
public enum DetectionDecoderKind
{
    /// <summary>Chosen from the output's shape (see <see cref="DetectionDecoder.Create"/>).</summary>
    Auto,

    /// <summary>Ultralytics YOLOv8 / YOLO11: <c>[N, 4+C, A]</c>, rows cx, cy, w, h then one score per class.</summary>
    YoloV8,

    /// <summary>YOLOv5 (and v7): <c>[N, A, 5+C]</c>, columns cx, cy, w, h, objectness then class scores.</summary>
    YoloV5,

    /// <summary>End-to-end, NMS-free (YOLOv10, YOLO26, exports with NMS inside): <c>[N, K, 6]</c>, x1, y1, x2, y2, score, class.</summary>
    EndToEnd,
}

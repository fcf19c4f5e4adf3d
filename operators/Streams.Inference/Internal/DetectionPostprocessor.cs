using System.Runtime.InteropServices;
using Streams.Runtime;

namespace Streams.Inference.Internal;

/// <summary>
/// From one image's output to the frame's objects: per-class thresholds and the allow-list (in the decoder), the
/// minimum box size and the stream's region of interest (on source boxes, before suppression, so a box outside the
/// region suppresses nothing), suppression in input pixels as Ultralytics does, and the mapping back to source pixels.
/// </summary>
internal sealed class DetectionPostprocessor
{
    private readonly DetectorOptions _options;
    private readonly float[] _thresholds;
    private readonly float _defaultThreshold;
    private readonly List<DetectionCandidate> _candidates = new(1024);
    private readonly List<DetectionCandidate> _kept = new(300);

    /// <exception cref="ModelLoadException">A class named in the options is not one of the model's.</exception>
    public DetectionPostprocessor(DetectorOptions options, IReadOnlyList<string> classNames, int classCount, string model)
    {
        _options = options;
        int known = Math.Max(classNames.Count, classCount);
        int count = known;
        foreach (string name in options.ClassConfidence.Keys)
        {
            count = Math.Max(count, Resolve(classNames, known, name, model, "class_confidence") + 1);
        }

        foreach (string name in options.AllowedClasses)
        {
            count = Math.Max(count, Resolve(classNames, known, name, model, "classes allow-list") + 1);
        }

        _thresholds = new float[count];
        Array.Fill(_thresholds, options.Confidence);
        _defaultThreshold = options.Confidence;
        foreach ((string name, float threshold) in options.ClassConfidence)
        {
            _thresholds[ClassNames.IndexOf(classNames, name)] = DetectorOptions.InRange(threshold, 0, 1, "class_confidence");
        }

        if (options.AllowedClasses.Count > 0)
        {
            var allowed = new bool[count];
            foreach (string name in options.AllowedClasses)
            {
                allowed[ClassNames.IndexOf(classNames, name)] = true;
            }

            for (int c = 0; c < count; c++)
            {
                if (!allowed[c])
                {
                    _thresholds[c] = float.PositiveInfinity;
                }
            }

            // Classes beyond the table (an end-to-end model without names) are not on the list either.
            _defaultThreshold = float.PositiveInfinity;
        }
    }

    /// <summary>Decodes, filters and suppresses one image's output, appending to <paramref name="objects"/>.</summary>
    public void Process(DetectionDecoder decoder, ReadOnlySpan<float> output, int rows, int columns, in ImageTransform transform, RoiPolygon? roi,
        List<DetectedObject> objects)
    {
        _candidates.Clear();
        decoder.Decode(output, rows, columns, _thresholds, _defaultThreshold, _candidates);
        Filter(transform, roi);
        List<DetectionCandidate> result;
        if (decoder.NeedsSuppression)
        {
            _kept.Clear();
            NonMaxSuppression.Apply(_candidates, _options.Iou, _options.ClassAgnosticNms, _options.MaxDetections, _kept);
            result = _kept;
        }
        else
        {
            NonMaxSuppression.SortByScore(_candidates);
            result = _candidates;
        }

        int n = Math.Min(result.Count, _options.MaxDetections);
        foreach (ref readonly DetectionCandidate c in CollectionsMarshal.AsSpan(result)[..n])
        {
            objects.Add(new DetectedObject(transform.ToSource(c.Box), c.ClassId, c.Score));
        }
    }

    private void Filter(in ImageTransform transform, RoiPolygon? roi)
    {
        float min = MathF.Max(_options.MinBoxSize, float.Epsilon);
        Span<DetectionCandidate> all = CollectionsMarshal.AsSpan(_candidates);
        int keep = 0;
        for (int i = 0; i < all.Length; i++)
        {
            BoxF source = transform.ToSource(all[i].Box);
            if (source.Width < min || source.Height < min || (roi is not null && !roi.ContainsBottomCentre(source)))
            {
                continue;
            }

            all[keep++] = all[i];
        }

        CollectionsMarshal.SetCount(_candidates, keep);
    }

    private static int Resolve(IReadOnlyList<string> names, int count, string name, string model, string setting)
    {
        int id = ClassNames.IndexOf(names, name);
        if (id < 0 || (count > 0 && id >= count))
        {
            throw new ModelLoadException(model, $"{setting} names class '{name}', which is not one of the model's {count} classes");
        }

        return id;
    }
}

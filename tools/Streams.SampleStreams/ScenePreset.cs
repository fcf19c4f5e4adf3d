using Streams.SampleStreams.Internal;

namespace Streams.SampleStreams;

/// <summary>
/// A kind of scene: its layout (roads, markings, counting lines, zones) and how objects move through it. The layout
/// is drawn for 1280x720 and scaled to the rendered size; lines and zones are reported in rendered pixels.
/// </summary>
public abstract class ScenePreset
{
    private static readonly ScenePreset[] s_all = [new QuietStreetPreset(), new BusyCrossingPreset(), new YardPreset()];

    private protected ScenePreset()
    {
    }

    /// <summary>The committed presets, in the order <c>--all</c> renders them.</summary>
    public static IReadOnlyList<ScenePreset> All => s_all;

    /// <summary>The name used on the command line and for the committed clip.</summary>
    public abstract string Name { get; }

    /// <summary>What the scene contains, in one sentence.</summary>
    public abstract string Description { get; }

    /// <summary>The options the committed sample is rendered with, seed included.</summary>
    public abstract SceneOptions Defaults { get; }

    /// <summary>The preset called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ScenePreset? Find(string name)
    {
        foreach (ScenePreset preset in s_all)
        {
            if (string.Equals(preset.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return preset;
            }
        }

        return null;
    }

    internal abstract PresetLayout CreateLayout(SceneOptions options, Prng backgroundRng);
}

namespace Streams.Configuration.Internal;

/// <summary>Builds key paths like <c>sources[1].queue_capacity</c>.</summary>
internal static class KeyPaths
{
    public static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Item(string path, int index) => path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}

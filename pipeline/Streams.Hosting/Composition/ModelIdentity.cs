using System.Security.Cryptography;
using Streams.Inference;

namespace Streams.Hosting.Composition;

/// <summary>What events say about a model's version: the model's own, else a digest of its file.</summary>
internal static class ModelIdentity
{
    /// <summary>
    /// The <c>version</c> entry of the model's metadata when it has one; otherwise <c>sha256:</c> and the first 12 hex
    /// digits of the file's digest, which changes whenever the weights do.
    /// </summary>
    public static string VersionOf(InferenceSession session, string path)
    {
        if (session.Metadata.TryGetValue("version", out string? version) && !string.IsNullOrWhiteSpace(version))
        {
            return version;
        }

        using FileStream file = File.OpenRead(path);
        byte[] digest = SHA256.HashData(file);
        return "sha256:" + Convert.ToHexStringLower(digest.AsSpan(0, 6));
    }
}

using Streams.Options;
using System.Reflection;
using System.Text;

namespace Streams.Configuration.Internal;

/// <summary>YAML names of properties and enum members, and did-you-mean suggestions for misspelt ones.</summary>
internal static class ConfigNaming
{
    /// <summary>Distances up to this many edits are suggested: catches a typo or a swapped pair, not a different word.</summary>
    private const int MaxSuggestionDistance = 2;

    /// <summary>A typed prefix shorter than this says too little to suggest a completion.</summary>
    private const int MinPrefixLength = 3;

    public static string NameOf(MemberInfo member) =>
        member.GetCustomAttribute<ConfigNameAttribute>()?.Name ?? ToSnakeCase(member.Name);

    /// <summary><c>QueueCapacity</c> → <c>queue_capacity</c>, <c>HTTPServer</c> → <c>http_server</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary)
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// The candidate <paramref name="given"/> most likely meant: the closest within two edits (Damerau-Levenshtein,
    /// ignoring case), else the only candidate it is a clear prefix of (or that is a clear prefix of it); else null.
    /// </summary>
    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        string? prefixMatch = null;
        int prefixMatches = 0;
        foreach (string candidate in candidates)
        {
            // Lengths further apart than the greatest distance suggested cannot be within it: no need for the table,
            // which for a long unknown key would cost its length times the candidate's.
            int distance = Math.Abs(given.Length - candidate.Length) > MaxSuggestionDistance ? int.MaxValue : Distance(given, candidate);
            if (distance <= MaxSuggestionDistance && distance < candidate.Length && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }

            bool isPrefix = (given.Length >= MinPrefixLength && candidate.StartsWith(given, StringComparison.OrdinalIgnoreCase))
                || (candidate.Length >= MinPrefixLength && given.StartsWith(candidate, StringComparison.OrdinalIgnoreCase));
            if (isPrefix)
            {
                prefixMatch = candidate;
                prefixMatches++;
            }
        }

        return best ?? (prefixMatches == 1 ? prefixMatch : null);
    }

    /// <summary>Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1
                    && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2])
                    && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>" (did you mean 'x'?)" or nothing.</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates) =>
        Suggest(given, candidates) is { } suggestion ? $" (did you mean '{suggestion}'?)" : "";
}

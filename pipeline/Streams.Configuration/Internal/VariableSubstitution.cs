using System.Text;

namespace Streams.Configuration.Internal;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in a scalar; <c>$${</c> stands for a literal <c>${</c>. The default
/// applies when the variable is unset or empty, as in a POSIX shell. Messages name the variable, never its value:
/// values here are often secrets.
/// </summary>
internal static class VariableSubstitution
{
    /// <summary>Expands <paramref name="text"/>; returns null and sets <paramref name="error"/> when it cannot.</summary>
    public static string? Expand(string text, Func<string, string?> environment, List<string> variables, out string? error)
    {
        error = null;
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        List<string>? unset = null;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                result.Append("${");
                i += 3;
                continue;
            }

            if (c != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                result.Append(c);
                i++;
                continue;
            }

            int close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                error = "unterminated '${' (write '$${' for a literal '${')";
                return null;
            }

            string body = text[(i + 2)..close];
            int split = body.IndexOf(":-", StringComparison.Ordinal);
            string name = split < 0 ? body : body[..split];
            if (!IsValidName(name))
            {
                error = $"invalid variable name '{name}' in '${{...}}' (use letters, digits and '_', not starting with a digit)";
                return null;
            }

            variables.Add(name);
            string? value = environment(name);
            if (string.IsNullOrEmpty(value))
            {
                if (split < 0)
                {
                    // Read on, so that every unset variable of the value is named at once, not one per attempt.
                    unset ??= [];
                    if (!unset.Contains(name))
                    {
                        unset.Add(name);
                    }

                    i = close + 1;
                    continue;
                }

                value = body[(split + 2)..];
            }

            result.Append(value);
            i = close + 1;
        }

        if (unset is not null)
        {
            error = unset.Count == 1
                ? $"environment variable '{unset[0]}' is not set and has no default (write '${{{unset[0]}:-default}}' to give one)"
                : $"environment variables {string.Join(" and ", unset.Select(static n => $"'{n}'"))} are not set and have no default (write '${{NAME:-default}}' to give one)";
            return null;
        }

        return result.ToString();
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text;

namespace Streams.Sources;

/// <summary>
/// Hides credentials in URLs before they reach a log line, a metric label, an exception message or a display name:
/// <c>rtsp://admin:secret@cam/x</c> becomes <c>rtsp://***@cam/x</c>, and the values of query parameters that look
/// like secrets (<c>password=</c>, <c>token=</c>, <c>key=</c>, <c>sig=</c>, ...) become <c>***</c>.
/// </summary>
/// <remarks>
/// Works on a single URL or on free text with URLs in it (an ffmpeg message). It errs on the side of hiding: a raw
/// <c>@</c> or <c>/</c> in a password is handled, at the price of hiding a little too much in odd paths.
/// </remarks>
public static class UriRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    // Query parameter names are redacted when they contain one of these (case-insensitive).
    private static readonly string[] s_secretKeyParts = ["pass", "pwd", "token", "secret", "auth", "key", "sig", "cred"];

    /// <summary>Returns <paramref name="text"/> with every URL's user info and secret query values masked.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        int marker = text.IndexOf("://", StringComparison.Ordinal);
        if (marker < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        int copied = 0;
        while (marker >= 0)
        {
            int urlEnd = FindUrlEnd(text, marker + 3);
            result.Append(text, copied, marker + 3 - copied);
            RedactAfterScheme(text.AsSpan(marker + 3, urlEnd - marker - 3), result);
            copied = urlEnd;
            marker = urlEnd < text.Length ? text.IndexOf("://", urlEnd, StringComparison.Ordinal) : -1;
        }

        result.Append(text, copied, text.Length - copied);
        return result.ToString();
    }

    private static int FindUrlEnd(string text, int from)
    {
        int end = text.Length;
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c is '\'' or '"' or '<' or '>' or '`')
            {
                end = i;
                break;
            }
        }

        // Punctuation closing a sentence belongs to the text ("...?token=abc: Server returned 404").
        while (end > from && text[end - 1] is ':' or ',' or '.' or ';' or ')' or ']')
        {
            end--;
        }

        return end;
    }

    // rest: everything after "://" up to the end of the URL.
    private static void RedactAfterScheme(ReadOnlySpan<char> rest, StringBuilder result)
    {
        int queryStart = rest.IndexOfAny('?', '#');
        ReadOnlySpan<char> beforeQuery = queryStart < 0 ? rest : rest[..queryStart];
        int userInfoEnd = FindUserInfoEnd(beforeQuery);
        if (userInfoEnd >= 0)
        {
            result.Append(Mask);
            rest = rest[userInfoEnd..];
            queryStart = queryStart < 0 ? -1 : queryStart - userInfoEnd;
        }

        if (queryStart < 0)
        {
            result.Append(rest);
            return;
        }

        result.Append(rest[..queryStart]);
        RedactQuery(rest[queryStart..], result);
    }

    // Index of the '@' that ends the user info, or -1 when there is none.
    private static int FindUserInfoEnd(ReadOnlySpan<char> beforeQuery)
    {
        int lastAt = beforeQuery.LastIndexOf('@');
        if (lastAt < 0)
        {
            return -1;
        }

        int slash = beforeQuery.IndexOf('/');
        if (slash < 0 || slash > lastAt)
        {
            // The authority holds the '@' (a raw '@' in the password is covered by taking the last one).
            return lastAt;
        }

        // An '@' only past the first '/': a path like /live@main, unless the "authority" is really the start of
        // user:pa/ss@host, which shows as a ':' followed by something that is not a port number.
        int lastSlashBeforeAt = beforeQuery[..lastAt].IndexOf('/');
        ReadOnlySpan<char> authority = beforeQuery[..lastSlashBeforeAt];
        int colon = authority.IndexOf(':');
        if (colon < 0)
        {
            return -1;
        }

        foreach (char c in authority[(colon + 1)..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return lastAt;
            }
        }

        return -1;
    }

    // query starts with '?' or '#'; a fragment is treated like a query (OAuth puts tokens there too).
    private static void RedactQuery(ReadOnlySpan<char> query, StringBuilder result)
    {
        int i = 0;
        while (i < query.Length)
        {
            result.Append(query[i]);
            i++;
            int end = i;
            while (end < query.Length && query[end] is not ('&' or ';' or '#'))
            {
                end++;
            }

            ReadOnlySpan<char> pair = query[i..end];
            int equals = pair.IndexOf('=');
            if (equals > 0 && IsSecretKey(pair[..equals]))
            {
                result.Append(pair[..(equals + 1)]).Append(Mask);
            }
            else
            {
                result.Append(pair);
            }

            i = end;
        }
    }

    private static bool IsSecretKey(ReadOnlySpan<char> key)
    {
        foreach (string part in s_secretKeyParts)
        {
            if (key.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

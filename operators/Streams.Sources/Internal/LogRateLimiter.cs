using System.Diagnostics;

namespace Streams.Sources.Internal;

/// <summary>
/// Keeps a chatty child process from flooding the log: a message whose shape (its text with numbers and addresses
/// blanked) was logged within the window is counted instead, and at most <c>budget</c> messages pass per window.
/// The count of what was left out is reported with the next message that passes. Not thread-safe: one reader
/// task owns it.
/// </summary>
internal sealed class LogRateLimiter
{
    // Shapes remembered at most; a flood of distinct shapes (rare) just resets the memory.
    private const int MaxShapes = 256;

    private readonly long _windowTicks;
    private readonly int _budget;
    private readonly Dictionary<string, long> _lastLogged = new(StringComparer.Ordinal);
    private long _windowStart;
    private bool _windowOpen;
    private int _passedInWindow;

    /// <param name="window">How long a shape stays quiet after being logged; also the budget's period.</param>
    /// <param name="budget">Messages logged per window at most.</param>
    public LogRateLimiter(TimeSpan window, int budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        _budget = budget;
    }

    /// <summary>Messages left out since the last one that passed.</summary>
    public int Suppressed { get; private set; }

    /// <summary>Decides whether <paramref name="message"/>, seen at <paramref name="timestamp"/>
    /// (<see cref="Stopwatch.GetTimestamp"/>), is logged. When it is, read and clear <see cref="Suppressed"/> first.</summary>
    public bool ShouldLog(string message, long timestamp)
    {
        if (!_windowOpen || timestamp - _windowStart >= _windowTicks)
        {
            _windowOpen = true;
            _windowStart = timestamp;
            _passedInWindow = 0;
        }

        string shape = Shape(message);
        if ((_lastLogged.TryGetValue(shape, out long last) && timestamp - last < _windowTicks) || _passedInWindow >= _budget)
        {
            Suppressed++;
            return false;
        }

        if (_lastLogged.Count >= MaxShapes)
        {
            _lastLogged.Clear();
        }

        _lastLogged[shape] = timestamp;
        _passedInWindow++;
        return true;
    }

    /// <summary>Returns and clears the count of messages left out.</summary>
    public int TakeSuppressed()
    {
        int n = Suppressed;
        Suppressed = 0;
        return n;
    }

    /// <summary>The message with each number and hex address blanked to one '#': "MB 3 7" ~ "MB 12 40".</summary>
    internal static string Shape(string message)
    {
        var shape = new System.Text.StringBuilder(message.Length);
        bool inHex = false;
        for (int i = 0; i < message.Length; i++)
        {
            char c = message[i];
            if (c == 'x' && i > 0 && message[i - 1] == '0')
            {
                // "0x..." already wrote '#' for the 0; the x and the hex digits after it join that '#'.
                inHex = true;
                continue;
            }

            inHex &= char.IsAsciiHexDigit(c);
            if (char.IsAsciiDigit(c) || inHex)
            {
                if (shape.Length == 0 || shape[^1] != '#')
                {
                    shape.Append('#');
                }
            }
            else
            {
                shape.Append(c);
            }
        }

        return shape.ToString();
    }
}

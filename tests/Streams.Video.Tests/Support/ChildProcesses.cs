namespace Streams.Video.Tests.Support;

/// <summary>This process's live (not zombie) children, from /proc.</summary>
internal static class ChildProcesses
{
    public static List<(int Pid, string Name)> Live()
    {
        var children = new List<(int, string)>();
        int self = Environment.ProcessId;
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis.
            int open = stat.IndexOf('(', StringComparison.Ordinal);
            int close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }

            string[] rest = stat[(close + 2)..].Split(' ');
            if (rest.Length > 1 && rest[0] != "Z" && int.TryParse(rest[1], out int parent) && parent == self)
            {
                children.Add((pid, stat[(open + 1)..close]));
            }
        }

        return children;
    }
}

using Greenlight.Processes;

namespace Greenlight.SecretScanning;

/// <summary>Scans what every commit added (git log -p), so a key deleted later is still found with the commit that leaked it.</summary>
internal static class SecretHistory
{
    public static async Task<(List<SecretFinding> Findings, int Commits)> ScanAsync(
        SecretScanner scanner, string root, Func<string, bool> includePath, TimeProvider time, CancellationToken cancellationToken)
    {
        var outcome = await ProcessRunner.RunAsync(
            new ProcessRequest
            {
                FileName = "git",
                Arguments = ["-c", "core.quotepath=off", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--all", "--format=%x01%H", "--", "."],
                WorkingDirectory = root,
                MaxOutputBytes = 1024L * 1024 * 1024,
            }, time, cancellationToken);
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException($"git log failed in {root}: {outcome.Stderr.Trim()}");
        }

        var findings = new List<SecretFinding>();
        string? commit = null, file = null;
        var commits = 0;
        var added = new System.Text.StringBuilder();
        var numbers = new List<int>();
        var next = 0;

        void Flush()
        {
            if (commit is not null && file is not null && numbers.Count > 0 && includePath(file))
            {
                scanner.ScanText(added.ToString(), file, findings.Add, numbers, commit);
            }

            added.Clear();
            numbers.Clear();
        }

        foreach (var line in outcome.Stdout.Split('\n'))
        {
            if (line.StartsWith('\u0001'))
            {
                Flush();
                commit = line[1..].Trim();
                file = null;
                commits++;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                Flush();
                file = line == "+++ /dev/null" ? null : line.StartsWith("+++ b/", StringComparison.Ordinal) ? line[6..] : line[4..];
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                // @@ -a,b +c,d @@: added lines count from c.
                var plus = line.IndexOf(" +", StringComparison.Ordinal);
                var stop = line.IndexOfAny([',', ' '], plus + 2);
                next = int.TryParse(line.AsSpan(plus + 2, (stop < 0 ? line.Length : stop) - plus - 2), out var n) ? n : 1;
            }
            else if (line.StartsWith('+') && file is not null)
            {
                added.Append(line.AsSpan(1)).Append('\n');
                numbers.Add(next++);
            }
        }

        Flush();
        return (findings, commits);
    }
}

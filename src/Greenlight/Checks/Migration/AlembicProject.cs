using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Processes;

namespace Greenlight.Checks.Migration;

/// <summary>
/// An Alembic project. Its migrations are Python, so the SQL comes from Alembic itself, in offline
/// mode: `alembic heads` and `alembic upgrade CURRENT:head --sql`, run in the project's folder with
/// the project's own Alembic (its .venv or venv when there is one, else `alembic` on PATH).
/// </summary>
internal static partial class AlembicProject
{
    public static string DefaultCommand(string root) =>
        new[] { ".venv/bin/alembic", "venv/bin/alembic" }.Select(p => Path.Combine(root, p)).FirstOrDefault(System.IO.File.Exists) ?? "alembic";

    /// <summary>The head revision and the pending SQL, one <see cref="MigrationFile"/> per revision.</summary>
    public static async Task<(string Head, List<MigrationFile> Pending)> ReadAsync(string root, string? current, string? command, IReadOnlyDictionary<string, string> environment, TimeProvider time, CancellationToken cancellationToken)
    {
        var alembic = command ?? DefaultCommand(root);
        var heads = (await RunAsync(alembic, root, ["heads"], environment, time, cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')[0]).ToList();
        if (heads.Count != 1)
        {
            throw new MigrationException(heads.Count == 0 ? "alembic heads printed no revision" : $"alembic has {heads.Count} heads ({string.Join(", ", heads)}): merge them first (alembic merge heads)");
        }

        var head = heads[0];
        if (current == head)
        {
            return (head, []);
        }

        var sql = await RunAsync(alembic, root, ["upgrade", current is null ? "head" : $"{current}:head", "--sql"], environment, time, cancellationToken);
        return (head, Split(sql, RevisionFiles(root)));
    }

    /// <summary>
    /// Cuts Alembic's offline output at its "-- Running upgrade A -> B" comments, one piece per
    /// revision. The BEGIN; and COMMIT; Alembic wraps the whole output in are its own, not the revisions'.
    /// </summary>
    public static List<MigrationFile> Split(string sql, IReadOnlyDictionary<string, string> files)
    {
        var lines = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var first = lines.FindIndex(l => l.Trim().Length > 0);
        if (first >= 0 && lines[first].Trim() == "BEGIN;")
        {
            lines[first] = "";
        }

        var last = lines.FindLastIndex(l => l.Trim().Length > 0);
        if (last >= 0 && lines[last].Trim() == "COMMIT;")
        {
            lines[last] = "";
        }

        var pieces = new List<MigrationFile>();
        var current = new StringBuilder();
        string? revision = null;
        foreach (var line in lines)
        {
            var match = RunningUpgrade().Match(line);
            if (match.Success)
            {
                Flush();
                revision = match.Groups["to"].Value;
            }

            current.Append(line).Append('\n');
        }

        Flush();
        return pieces;

        void Flush()
        {
            if (revision is null)
            {
                // Before the first revision: Alembic's CREATE TABLE alembic_version, part of the first one.
                return;
            }

            pieces.Add(new MigrationFile(revision, files.GetValueOrDefault(revision) ?? $"alembic:{revision}", current.ToString()) { Name = revision });
            current.Clear();
        }
    }

    /// <summary>revision id → the file that defines it, relative to the project.</summary>
    private static Dictionary<string, string> RevisionFiles(string root)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.py", SearchOption.AllDirectories))
        {
            if (!file.Contains($"{Path.DirectorySeparatorChar}versions{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var match = RevisionLine().Match(System.IO.File.ReadAllText(file));
            if (match.Success)
            {
                map.TryAdd(match.Groups["id"].Value, Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        return map;
    }

    private static async Task<string> RunAsync(string alembic, string root, string[] arguments, IReadOnlyDictionary<string, string> environment, TimeProvider time, CancellationToken cancellationToken)
    {
        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunAsync(new ProcessRequest { FileName = alembic, Arguments = arguments, WorkingDirectory = root, Environment = environment }, time, cancellationToken);
        }
        catch (ProcessStartException ex)
        {
            throw new MigrationException($"cannot run Alembic: {ex.Message}. Install it in the project's virtual environment, or on Debian `apt-get install alembic`, or set `alembic:` to its path");
        }

        if (outcome.ExitCode != 0)
        {
            var error = outcome.Stderr.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? $"exit code {outcome.ExitCode}";
            // env.py reading os.environ["NAME"] that nobody set: the usual first failure of a project that reads its URL from the environment.
            var hint = error.StartsWith("KeyError: ", StringComparison.Ordinal)
                ? $" (env.py reads a variable that is not set: give it in the check's `env:`{(environment.ContainsKey(MigrationRequest.TargetVariable) ? "" : $"; with a `target:`, {MigrationRequest.TargetVariable} is its URL")})"
                : "";
            throw new MigrationException($"`alembic {string.Join(' ', arguments)}` failed in {root}: {error}{hint}");
        }

        return outcome.Stdout;
    }

    [GeneratedRegex(@"^-- Running upgrade (?<from>\S*)\s*->\s*(?<to>\S+)")]
    private static partial Regex RunningUpgrade();

    [GeneratedRegex(@"^revision\s*(?::\s*str\s*)?=\s*['""](?<id>[^'""]+)['""]", RegexOptions.Multiline)]
    private static partial Regex RevisionLine();
}

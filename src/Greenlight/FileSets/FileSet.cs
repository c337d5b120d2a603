using Greenlight.Processes;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Greenlight.FileSets;

/// <summary>
/// The files a rule or a secrets scan reads: include and exclude globs under a root; inside a git
/// work tree only the files git tracks (what would ship), unless told otherwise.
/// </summary>
internal sealed record FileSet(string Root, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, bool? GitTracked)
{
    /// <summary>Matching files as (relative path with '/', full path), sorted, and whether git chose them.</summary>
    public async Task<(IReadOnlyList<(string Relative, string Full)> Files, bool FromGit)> ListAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(Include.Count == 0 ? ["**/*"] : Include);
        matcher.AddExcludePatterns(Exclude);

        IEnumerable<string> candidates;
        var tracked = GitTracked != false ? await GitFilesAsync(Root, time, cancellationToken) : null;
        if (GitTracked == true && tracked is null)
        {
            throw new FileSetException($"{Root} is not inside a git work tree (git_tracked: true); set git_tracked: false to read the folder");
        }

        if (tracked is not null)
        {
            candidates = matcher.Match(tracked).Files.Select(f => f.Path);
        }
        else
        {
            candidates = matcher.Execute(new Microsoft.Extensions.FileSystemGlobbing.Abstractions.DirectoryInfoWrapper(new DirectoryInfo(Root))).Files.Select(f => f.Path);
        }

        var files = candidates
            .Select(p => p.Replace('\\', '/'))
            .Where(p => !p.StartsWith(".git/", StringComparison.Ordinal) && !p.StartsWith(".greenlight/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(p => (p, Path.Combine(Root, p)))
            .Where(p => File.Exists(p.Item2))
            .ToList();
        return (files, tracked is not null);
    }

    /// <summary>Paths git tracks under <paramref name="root"/>, relative to it; null outside a work tree.</summary>
    private static async Task<List<string>?> GitFilesAsync(string root, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            return null;
        }

        try
        {
            var outcome = await ProcessRunner.RunAsync(
                new ProcessRequest { FileName = "git", Arguments = ["ls-files", "-z", "--cached", "--full-name", "--", "."], WorkingDirectory = root, MaxOutputBytes = 512L * 1024 * 1024 },
                time, cancellationToken);
            if (outcome.ExitCode != 0)
            {
                return null;
            }

            var prefix = await ProcessRunner.RunAsync(new ProcessRequest { FileName = "git", Arguments = ["rev-parse", "--show-prefix"], WorkingDirectory = root }, time, cancellationToken);
            var under = prefix.Stdout.Trim();
            return [.. outcome.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(p => p.StartsWith(under, StringComparison.Ordinal) ? p[under.Length..] : p)];
        }
        catch (ProcessStartException)
        {
            return null;
        }
    }
}

namespace Greenlight.Engine;

/// <summary>
/// Reads a work tree's commit and branch from the files under <c>.git</c>, as <c>git rev-parse HEAD</c>
/// and <c>git rev-parse --abbrev-ref HEAD</c> would print them. Starting git costs 20–40 ms a call on a
/// 2-core machine, which was a third of a one-check run; these few files cost microseconds. Anything
/// this does not handle with certainty (<c>GIT_DIR</c> and its kin set, a folder that may be a bare
/// repository, reftable refs, a symbolic ref that is not a branch) answers <see langword="null"/>, and
/// the caller asks git; no <c>.git</c> up to the root is no commit, as git would find none either.
/// </summary>
internal static class GitHeadFiles
{
    private static readonly string[] GitLocationVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES"];

    /// <summary>The head, or <see langword="null"/> when git itself must be asked.</summary>
    public static GitHead? TryRead(string directory)
    {
        try
        {
            return Read(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static GitHead? Read(string directory)
    {
        // These change where git looks; git knows how.
        if (GitLocationVariables.Any(name => Environment.GetEnvironmentVariable(name) is not null))
        {
            return null;
        }

        if (FindGitDirectory(Path.GetFullPath(directory), out var outsideAnyRepository) is not { } gitDir)
        {
            // No .git up to the root and no folder that could be a bare repository: git finds none either.
            return outsideAnyRepository ? GitHead.NoCommit : null;
        }

        var commonDir = File.Exists(Path.Combine(gitDir, "commondir"))
            ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
            : gitDir;
        var config = Path.Combine(commonDir, "config");
        if (File.Exists(config) && File.ReadAllText(config).Contains("refstorage", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (IsObjectId(head))
        {
            return new GitHead(head, "HEAD");
        }

        const string branchPrefix = "refs/heads/";
        if (!head.StartsWith("ref: " + branchPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var reference = head["ref: ".Length..];
        var commit = LooseRef(commonDir, reference) ?? PackedRef(commonDir, reference);
        return commit switch
        {
            null => GitHead.NoCommit,
            "" => null,
            _ => new GitHead(commit, reference[branchPrefix.Length..]),
        };
    }

    /// <summary>The nearest <c>.git</c> folder, or the folder a <c>.git</c> file (a worktree, a submodule) points at.</summary>
    private static string? FindGitDirectory(string start, out bool outsideAnyRepository)
    {
        outsideAnyRepository = false;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HEAD")) && Directory.Exists(Path.Combine(dir.FullName, "objects")))
            {
                return null; // looks like a bare repository (or the inside of a .git folder): git decides
            }

            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return File.Exists(Path.Combine(dotGit, "HEAD")) ? dotGit : null;
            }

            if (File.Exists(dotGit))
            {
                var line = File.ReadAllText(dotGit).Trim();
                return line.StartsWith("gitdir: ", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(dir.FullName, line["gitdir: ".Length..].Trim())) : null;
            }
        }

        outsideAnyRepository = true;
        return null;
    }

    /// <summary>The object id of a loose ref; <c>""</c> when the file is there but not an id (a symbolic ref: ask git).</summary>
    private static string? LooseRef(string commonDir, string reference)
    {
        var file = Path.Combine(commonDir, reference);
        if (!File.Exists(file))
        {
            return null;
        }

        var text = File.ReadAllText(file).Trim();
        return IsObjectId(text) ? text : "";
    }

    private static string? PackedRef(string commonDir, string reference)
    {
        var packed = Path.Combine(commonDir, "packed-refs");
        if (!File.Exists(packed))
        {
            return null;
        }

        foreach (var line in File.ReadLines(packed))
        {
            // "<id> <ref>" lines; '#' is the header, '^' the peeled id of the tag above.
            var space = line.IndexOf(' ');
            if (space > 0 && line[0] is not ('#' or '^') && line.AsSpan(space + 1).SequenceEqual(reference))
            {
                var id = line[..space];
                return IsObjectId(id) ? id : "";
            }
        }

        return null;
    }

    /// <summary>SHA-1 (40) or SHA-256 (64) in lower-case hex, as git writes them.</summary>
    private static bool IsObjectId(string text) =>
        text.Length is 40 or 64 && text.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;
}

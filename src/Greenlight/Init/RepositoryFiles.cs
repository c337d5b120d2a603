namespace Greenlight.Init;

/// <summary>The files of a repository that <c>init</c> reads: everything but dependencies, build output and VCS folders, paths relative and with '/'.</summary>
internal sealed class RepositoryFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", ".venv", "venv", "env", "__pycache__", "bin", "obj", "dist", "build", ".next", ".greenlight", "target", "vendor",
    };

    private readonly Dictionary<string, string?> _text = new(StringComparer.Ordinal);

    public RepositoryFiles(string root)
    {
        Root = Path.GetFullPath(root);
        Paths = [.. Walk(Root).Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/')).Order(StringComparer.Ordinal)];
    }

    public string Root { get; }

    public IReadOnlyList<string> Paths { get; }

    public bool Exists(string path) => Paths.Contains(path, StringComparer.Ordinal);

    /// <summary>A file's text (at most 512 KiB of it); null when it is missing or binary.</summary>
    public string? Text(string path)
    {
        if (!_text.TryGetValue(path, out var text))
        {
            var full = Path.Combine(Root, path);
            text = null;
            if (File.Exists(full) && new FileInfo(full).Length <= 512 * 1024)
            {
                var content = File.ReadAllText(full);
                text = content.Contains('\0', StringComparison.Ordinal) ? null : content;
            }

            _text[path] = text;
        }

        return text;
    }

    public IEnumerable<string> WithExtension(params string[] extensions) =>
        Paths.Where(p => extensions.Any(e => p.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            if (!Skipped.Contains(Path.GetFileName(sub)))
            {
                foreach (var file in Walk(sub))
                {
                    yield return file;
                }
            }
        }
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.Checks.Migration;

/// <summary>
/// Finds the migrations under a path and decides their layout (with <c>auto</c>, says why). SQL
/// layouts are read here; an Alembic project only says where it is, since its SQL depends on the
/// revision the database is at.
/// </summary>
internal sealed partial class MigrationSource
{
    private MigrationSource(string root, MigrationLayout layout, string reason, IReadOnlyList<MigrationFile> files)
    {
        Root = root;
        Layout = layout;
        Reason = reason;
        Files = files;
    }

    public string Root { get; }
    public MigrationLayout Layout { get; }

    /// <summary>Why this layout: "alembic.ini in backend", "files named V1__…".</summary>
    public string Reason { get; }

    /// <summary>The files in the order the tool applies them (empty for Alembic).</summary>
    public IReadOnlyList<MigrationFile> Files { get; }

    public static MigrationSource Open(string path, MigrationLayout layout)
    {
        if (System.IO.File.Exists(path))
        {
            var file = new MigrationFile(Path.GetFileNameWithoutExtension(path), Path.GetFileName(path), System.IO.File.ReadAllText(path));
            return new MigrationSource(Path.GetDirectoryName(Path.GetFullPath(path))!, layout == MigrationLayout.Auto ? MigrationLayout.Plain : layout, "a single file", [Versioned(file, layout)]);
        }

        if (!Directory.Exists(path))
        {
            throw new MigrationException($"no such file or folder: {path}");
        }

        var root = Path.GetFullPath(path);
        if (layout is MigrationLayout.Auto or MigrationLayout.Alembic && System.IO.File.Exists(Path.Combine(root, "alembic.ini")))
        {
            return new MigrationSource(root, MigrationLayout.Alembic, "alembic.ini in the folder", []);
        }

        if (layout == MigrationLayout.Alembic)
        {
            throw new MigrationException($"layout alembic: no alembic.ini in {path}");
        }

        var folder = root;
        if (Directory.Exists(Path.Combine(root, "supabase", "migrations")))
        {
            folder = Path.Combine(root, "supabase", "migrations");
        }
        else if (Path.GetFileName(root) == "supabase" && Directory.Exists(Path.Combine(root, "migrations")))
        {
            folder = Path.Combine(root, "migrations");
        }

        var sqlFiles = Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith(".down.sql", StringComparison.Ordinal) && !f.EndsWith("/down.sql", StringComparison.Ordinal) && f != "down.sql")
            .ToList();
        string reason;
        if (layout == MigrationLayout.Auto)
        {
            (layout, reason) = Detect(folder, sqlFiles);
        }
        else
        {
            reason = "layout set in the spec";
        }

        var files = new List<MigrationFile>();
        foreach (var relative in sqlFiles)
        {
            var text = System.IO.File.ReadAllText(Path.Combine(folder, relative));
            var display = Path.GetRelativePath(root, Path.Combine(folder, relative)).Replace('\\', '/');
            files.Add(Versioned(new MigrationFile(relative, display, text), layout));
        }

        // Name order (ordinal, as the tools sort), Flyway versions numerically with repeatables last.
        files = layout == MigrationLayout.Flyway
            ? [.. files.Where(f => !f.Repeatable).OrderBy(f => f.Version, FlywayVersionComparer.Instance), .. files.Where(f => f.Repeatable).OrderBy(f => f.Display, StringComparer.Ordinal)]
            : [.. files.OrderBy(f => f.Display, StringComparer.Ordinal)];
        return new MigrationSource(root, layout, reason, files);
    }

    private static (MigrationLayout, string) Detect(string folder, List<string> files)
    {
        if (folder.Replace('\\', '/').EndsWith("supabase/migrations", StringComparison.Ordinal))
        {
            return (MigrationLayout.Supabase, "a supabase/migrations folder");
        }

        if (files.Count > 0 && files.All(f => FlywayName().IsMatch(Path.GetFileName(f))))
        {
            return (MigrationLayout.Flyway, "files named V<version>__name.sql (Flyway)");
        }

        if (files.Count > 0 && files.All(f => f.Contains('/', StringComparison.Ordinal) && TimestampPrefix().IsMatch(f)))
        {
            return (MigrationLayout.Timestamped, "one folder per migration, named <timestamp>_name");
        }

        if (files.Count > 0 && files.All(f => f.EndsWith(".up.sql", StringComparison.Ordinal) && TimestampPrefix().IsMatch(f)))
        {
            return (MigrationLayout.Timestamped, "files named <version>_name.up.sql");
        }

        return (MigrationLayout.Plain, "plain .sql files, applied in name order");
    }

    private static MigrationFile Versioned(MigrationFile file, MigrationLayout layout)
    {
        var name = Path.GetFileName(file.Version);
        switch (layout)
        {
            case MigrationLayout.Flyway:
                {
                    var match = FlywayName().Match(name);
                    if (!match.Success)
                    {
                        return file;
                    }

                    return match.Groups["kind"].Value == "R"
                        ? file with { Version = name, Name = name, Repeatable = true, Checksum = FlywayChecksum(file.Sql) }
                        : file with { Version = match.Groups["version"].Value.Replace('_', '.'), Name = name[..^4] };
                }

            case MigrationLayout.Supabase:
            case MigrationLayout.Timestamped:
                {
                    var first = file.Version.Split('/')[0];
                    var own = first.EndsWith(".up.sql", StringComparison.Ordinal) ? first[..^7] : first.EndsWith(".sql", StringComparison.Ordinal) ? first[..^4] : first;
                    var match = TimestampPrefix().Match(own);
                    return file with { Version = match.Success ? match.Groups[1].Value : own, Name = own };
                }

            default:
                return file with { Version = Path.GetFileNameWithoutExtension(name), Name = Path.GetFileNameWithoutExtension(name) };
        }
    }

    /// <summary>Flyway's checksum: CRC-32 over the UTF-8 bytes of each line without its line ending, as a signed int.</summary>
    private static int FlywayChecksum(string sql)
    {
        var crc = 0xFFFFFFFFu;
        var lines = sql.TrimStart('\uFEFF').Split('\n');
        var count = sql.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            foreach (var b in Encoding.UTF8.GetBytes(lines[i].TrimEnd('\r')))
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }
        }

        return unchecked((int)~crc);
    }

    [GeneratedRegex(@"^(?<kind>[VR])(?<version>[0-9][0-9._]*)?__.+\.sql$")]
    private static partial Regex FlywayName();

    [GeneratedRegex(@"^([0-9]{4,})_")]
    private static partial Regex TimestampPrefix();

    private sealed class FlywayVersionComparer : IComparer<string>
    {
        public static readonly FlywayVersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                var left = i < a.Length && long.TryParse(a[i], out var l) ? l : 0;
                var right = i < b.Length && long.TryParse(b[i], out var r) ? r : 0;
                if (left != right)
                {
                    return left.CompareTo(right);
                }
            }

            return 0;
        }
    }
}

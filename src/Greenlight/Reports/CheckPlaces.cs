using System.Text.RegularExpressions;
using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>Where a CI annotation or code-quality finding points: a file of the repository and a line.</summary>
internal static partial class CheckPlaces
{
    /// <summary>An imported check points at its checklist line (the checklist named relative to the spec's folder); any other at its spec line.</summary>
    public static (string File, int Line, int Column) Of(CheckResult result, string spec)
    {
        if (result.Source is not null && SourceLine().Match(result.Source) is { Success: true } m)
        {
            var folder = spec.Contains('/', StringComparison.Ordinal) ? spec[..(spec.LastIndexOf('/') + 1)] : "";
            var file = m.Groups[1].Value.Replace('\\', '/');
            return (file.StartsWith('/') ? file : folder + file, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0);
        }

        return (spec, result.SpecLine, result.SpecColumn);
    }

    /// <summary>Annotations name files relative to the repository: an absolute spec path under the workspace is made relative to it.</summary>
    public static string RepositoryPath(string path, string? workspace)
    {
        var normal = path.Replace('\\', '/');
        if (normal.StartsWith("./", StringComparison.Ordinal))
        {
            normal = normal[2..];
        }

        if (workspace is { Length: > 0 } && Path.IsPathRooted(path))
        {
            var relative = Path.GetRelativePath(workspace, path).Replace('\\', '/');
            if (!relative.StartsWith("../", StringComparison.Ordinal) && relative != "..")
            {
                return relative;
            }
        }

        return normal;
    }

    [GeneratedRegex(@"^(.+):(\d+)$")]
    private static partial Regex SourceLine();
}

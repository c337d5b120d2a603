using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Greenlight.About;

/// <summary>
/// What this build is: the version, the git commit and its date, stamped into the assembly at build
/// (see Greenlight.csproj), and how it was published. Every host prints the same facts.
/// </summary>
internal sealed record BuildInfo(string Version, string? Commit, DateTimeOffset? CommitDate, string Layout)
{
    public static BuildInfo Current { get; } = Read(typeof(BuildInfo).Assembly);

    /// <summary>The runtime the process runs on, e.g. ".NET 10.0.1".</summary>
    public static string Runtime => RuntimeInformation.FrameworkDescription;

    public static string Platform => RuntimeInformation.RuntimeIdentifier;

    internal static BuildInfo Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? null : informational[(plus + 1)..];
        string? Metadata(string key) => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value ? value : null;
        var date = Metadata("CommitDate") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed.ToUniversalTime() : (DateTimeOffset?)null;
        return new BuildInfo(version, commit, date, Metadata("Layout") ?? "framework-dependent");
    }

    /// <summary>The lines of <c>greenlight version</c>.</summary>
    public IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("version", Version),
        ("commit", Commit ?? "unknown (built outside a git work tree)"),
        ("built", CommitDate is { } date ? date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " (the commit's date)" : "unknown (built outside a git work tree)"),
        ("layout", Layout),
        ("runtime", $"{Runtime} ({Platform})"),
    ];
}

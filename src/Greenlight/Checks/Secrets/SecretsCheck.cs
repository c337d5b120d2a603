using System.Globalization;
using System.Text;
using Greenlight.Assertions;
using Greenlight.FileSets;
using Greenlight.SecretScanning;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Greenlight.Checks.Secrets;

internal sealed class SecretsCheck(SecretsSettings settings) : ICheck
{
    private const int ListedAtMost = 200;

    public SecretsSettings Settings => settings;

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        SecretsScan scan;
        try
        {
            scan = await ScanAsync(context.SpecDirectory, context.Expand, context.Time, cancellationToken);
        }
        catch (FileSetException ex)
        {
            return Observation.Failed(ex.Message);
        }

        var accepted = new HashSet<string>(settings.AllowFingerprints, StringComparer.Ordinal);
        var baselineNote = "";
        if (settings.Baseline is not null)
        {
            var path = context.ResolvePath(settings.Baseline);
            if (System.IO.File.Exists(path))
            {
                var baseline = SecretBaseline.Read(path);
                accepted.UnionWith(baseline);
                baselineNote = $", baseline {settings.Baseline} ({baseline.Count} accepted)";
            }
            else
            {
                baselineNote = $", baseline {settings.Baseline} not written yet";
            }
        }

        var counted = scan.Findings.Where(f => !accepted.Contains(f.Fingerprint)).ToList();
        var blocking = counted.Where(f => !f.WarnOnly).ToList();
        var warnings = counted.Where(f => f.WarnOnly).ToList();
        var result = scan.Result;

        var summary = new StringBuilder();
        summary.AppendLine(CultureInfo.InvariantCulture, $"root: {scan.Root} ({(scan.FromGit ? "files tracked by git" : "every matching file")})");
        summary.AppendLine(CultureInfo.InvariantCulture, $"scanned {result.FilesScanned} files ({result.BytesScanned} bytes); skipped {result.SkippedBinary} binary, {result.SkippedLarge} larger than {Units.FormatSize(settings.MaxFileSize)}");
        if (scan.Commits is int commits)
        {
            summary.AppendLine(CultureInfo.InvariantCulture, $"history: {commits} commits scanned");
        }

        summary.AppendLine(CultureInfo.InvariantCulture, $"found {blocking.Count} secrets, {warnings.Count} warnings; {scan.Findings.Count - counted.Count} accepted by allow-list fingerprints{baselineNote}");
        var observation = new Observation { Subjects = new SecretsSubjects(blocking.Count, warnings.Count, result) };
        observation.Findings.Add(new AssertionResult("no leaked secrets", blocking.Count == 0, blocking.Count.ToString(CultureInfo.InvariantCulture), "0",
            blocking.Count == 0 ? null : $"{blocking.Count} found: {string.Join("; ", blocking.Take(3).Select(f => f.Describe()))}{(blocking.Count > 3 ? "; …" : "")}"));
        observation.Evidence.Add(new EvidenceItem("scan", summary.ToString().TrimEnd()));
        if (blocking.Count > 0)
        {
            observation.Evidence.Add(new EvidenceItem("findings", List(blocking)));
        }

        if (warnings.Count > 0)
        {
            observation.Evidence.Add(new EvidenceItem("warnings", List(warnings)));
            observation.Warnings.Add($"{warnings.Count} high-entropy value{(warnings.Count == 1 ? "" : "s")} that may be secrets: {string.Join("; ", warnings.Take(3).Select(w => w.Describe()))}{(warnings.Count > 3 ? "; …" : "")}");
        }

        return observation;
    }

    /// <summary>Every finding, before the fingerprint allow-list and the baseline (what <c>secrets baseline</c> accepts).</summary>
    public async Task<SecretsScan> ScanAsync(string specDirectory, Func<string, string> expand, TimeProvider time, CancellationToken cancellationToken)
    {
        var written = expand(settings.Root);
        var root = Path.GetFullPath(Path.IsPathRooted(written) ? written : Path.Combine(specDirectory, written));
        var fileSet = new FileSet(root, settings.Files, [.. settings.Exclude, .. settings.AllowPaths], settings.GitTracked);
        var (files, fromGit) = await fileSet.ListAsync(time, cancellationToken);
        var scanner = new SecretScanner(settings.Rules, settings.MaxFileSize, settings.AllowRegexes.Count == 0 ? null : v => settings.AllowRegexes.Any(r => r.IsMatch(v)));
        var result = await scanner.ScanFilesAsync(files, cancellationToken);
        var findings = result.Findings.ToList();
        int? commits = null;
        if (settings.History && fromGit)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddIncludePatterns(settings.Files.Count == 0 ? ["**/*"] : settings.Files);
            matcher.AddExcludePatterns([.. settings.Exclude, .. settings.AllowPaths]);
            var (history, count) = await SecretHistory.ScanAsync(scanner, root, p => matcher.Match(p).HasMatches, time, cancellationToken);
            commits = count;

            // A secret still in the tree is reported once, where it is now.
            var current = findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
            findings.AddRange(history.Where(f => current.Add(f.Fingerprint)));
        }

        return new SecretsScan(root, fromGit, result, findings, commits);
    }

    private static string List(IReadOnlyList<SecretFinding> findings) =>
        string.Join("\n", findings.Take(ListedAtMost).Select(f => $"{f.Describe()} — {f.Description}")) +
        (findings.Count > ListedAtMost ? $"\n… and {findings.Count - ListedAtMost} more" : "");

    private sealed class SecretsSubjects(int findings, int warnings, SecretScanResult result) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "findings" => AssertionValue.FromNumber(findings),
            "warnings" => AssertionValue.FromNumber(warnings),
            "files" => AssertionValue.FromNumber(result.FilesScanned),
            "skipped" => AssertionValue.FromNumber(result.SkippedBinary + result.SkippedLarge),
            _ => AssertionValue.Missing,
        };
    }
}

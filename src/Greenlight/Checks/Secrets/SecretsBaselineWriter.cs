using Greenlight.SecretScanning;
using Greenlight.Spec;

namespace Greenlight.Checks.Secrets;

/// <summary><c>greenlight secrets baseline</c>: scans each secrets check now and writes its findings as accepted, so only new leaks fail.</summary>
internal static class SecretsBaselineWriter
{
    public static async Task<IReadOnlyList<(string CheckId, string Path, int Count)>> WriteAsync(
        SpecDocument spec, string? checkId, string? output, TimeProvider time, CancellationToken cancellationToken)
    {
        var checks = spec.Checks.Where(c => c.Probe is SecretsCheck && (checkId is null || c.Id == checkId)).ToList();
        if (checks.Count == 0)
        {
            throw new InvalidOperationException(checkId is null
                ? $"spec `{spec.Name}` has no secrets check"
                : $"spec `{spec.Name}` has no secrets check `{checkId}` (secrets checks: {string.Join(", ", spec.Checks.Where(c => c.Probe is SecretsCheck).Select(c => c.Id).DefaultIfEmpty("none"))})");
        }

        if (output is not null && checks.Count > 1)
        {
            throw new InvalidOperationException($"--out names one file but the spec has {checks.Count} secrets checks: add --check ID");
        }

        var written = new List<(string, string, int)>();
        foreach (var check in checks)
        {
            var probe = (SecretsCheck)check.Probe;
            var target = output ?? probe.Settings.Baseline
                ?? throw new InvalidOperationException($"`{check.Id}` has no `baseline` field: add `baseline: .greenlight/secrets-baseline.json` to it, or give --out FILE");
            var path = System.IO.Path.IsPathRooted(target) || output is not null ? target : System.IO.Path.Combine(spec.Directory, target);
            var scan = await probe.ScanAsync(spec.Directory, text => Interpolator.Expand(text, spec.Variables.Lookup), time, cancellationToken);
            SecretBaseline.Write(path, scan.Findings);
            written.Add((check.Id, path, scan.Findings.Count));
        }

        return written;
    }
}

using Greenlight.SecretScanning;

namespace Greenlight.Checks.Secrets;

/// <summary>One scan: the folder, whether git chose the files, what was read, every finding (tree and history) and the commits read.</summary>
internal sealed record SecretsScan(string Root, bool FromGit, SecretScanResult Result, IReadOnlyList<SecretFinding> Findings, int? Commits);

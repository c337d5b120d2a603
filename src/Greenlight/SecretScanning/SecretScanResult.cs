namespace Greenlight.SecretScanning;

/// <summary>What a scan found and read: findings, files and bytes scanned, files skipped as binary or too large.</summary>
internal sealed record SecretScanResult(IReadOnlyList<SecretFinding> Findings, int FilesScanned, long BytesScanned, int SkippedBinary, int SkippedLarge);

namespace Greenlight.Checks;

/// <summary>
/// Something a check saw, kept as proof: a request, a response, a command's output.
/// <see cref="FullLength"/> is set when <see cref="Content"/> was cut.
/// </summary>
internal sealed record EvidenceItem(string Name, string Content, long? FullLength = null)
{
    /// <summary>What a kind keeps at most; the run's evidence limit (64 KiB by default) cuts further.</summary>
    public const int DefaultLimit = 1024 * 1024;

    public static EvidenceItem Bounded(string name, string content, int limit = DefaultLimit) =>
        content.Length <= limit ? new EvidenceItem(name, content) : new EvidenceItem(name, content[..limit], content.Length);
}

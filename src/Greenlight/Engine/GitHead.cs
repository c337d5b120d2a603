namespace Greenlight.Engine;

/// <summary>A work tree's commit and branch (<c>HEAD</c> when detached); both null before the first commit or outside any repository.</summary>
internal sealed record GitHead(string? Commit, string? Branch)
{
    public static GitHead NoCommit { get; } = new(null, null);
}

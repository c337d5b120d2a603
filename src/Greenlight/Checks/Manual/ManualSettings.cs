using Greenlight.Signoffs;

namespace Greenlight.Checks.Manual;

/// <summary>What a manual check asks and which sign-offs count for it.</summary>
internal sealed record ManualSettings(string Prompt, int Requires, bool NotByCommitAuthor, bool ValidForAnyCommit)
{
    /// <summary>
    /// Sorts sign-offs into those that count (one per person, for this commit unless valid_for: any,
    /// not by the commit's author when not_by says so) and those that do not, each with why.
    /// </summary>
    public SignoffStatus Judge(IReadOnlyList<Signoff> signoffs, string? commit, CommitAuthor? author)
    {
        var counted = new List<Signoff>();
        var rejected = new List<(Signoff Signoff, string Reason)>();
        foreach (var signoff in signoffs.OrderBy(s => s.SignedAt))
        {
            if (!ValidForAnyCommit && !string.Equals(signoff.GitCommit, commit, StringComparison.Ordinal))
            {
                rejected.Add((signoff, $"given for commit {Short(signoff.GitCommit)}, not {Short(commit)}"));
            }
            else if (NotByCommitAuthor && author is not null && author.Is(signoff.SignedBy))
            {
                rejected.Add((signoff, $"{signoff.SignedBy} wrote the commit and may not sign it (not_by: commit_author)"));
            }
            else if (counted.Any(c => string.Equals(c.SignedBy, signoff.SignedBy, StringComparison.OrdinalIgnoreCase)))
            {
                rejected.Add((signoff, $"{signoff.SignedBy} already signed; a second sign-off needs a different person"));
            }
            else
            {
                counted.Add(signoff);
            }
        }

        return new SignoffStatus(counted, rejected, Requires);
    }

    public static string Short(string? commit) => commit is null ? "(no commit)" : commit[..Math.Min(12, commit.Length)];
}

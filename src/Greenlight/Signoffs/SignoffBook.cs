namespace Greenlight.Signoffs;

/// <summary>The sign-offs a run can count, read from the store before the run.</summary>
internal sealed class SignoffBook(IEnumerable<Signoff> signoffs)
{
    private readonly ILookup<string, Signoff> _byCheck = signoffs.ToLookup(s => s.CheckId, StringComparer.Ordinal);

    public static SignoffBook Empty { get; } = new([]);

    public IReadOnlyList<Signoff> For(string checkId) => [.. _byCheck[checkId].OrderBy(s => s.SignedAt)];
}

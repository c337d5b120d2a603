using Greenlight.Store;

namespace Greenlight.Signoffs;

/// <summary>Sign-offs in the run store (table gl_signoffs), so a team sharing a store shares them.</summary>
internal static class SignoffStore
{
    public static async Task AddAsync(SqlRunStore store, Signoff signoff, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            INSERT INTO gl_signoffs (spec, check_id, signed_by, note, signed_at, git_commit, spec_hash, host)
            VALUES (@spec, @check, @by, @note, @at, @commit, @hash, @host)
            """, null,
            ("spec", signoff.Spec), ("check", signoff.CheckId), ("by", signoff.SignedBy), ("note", signoff.Note),
            ("at", Sql.Time(signoff.SignedAt)), ("commit", signoff.GitCommit), ("hash", signoff.SpecHash), ("host", signoff.Host));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<SignoffBook> LoadAsync(SqlRunStore store, string spec, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            SELECT check_id, signed_by, note, signed_at, git_commit, spec_hash, host FROM gl_signoffs WHERE spec = @spec ORDER BY signed_at
            """, null, ("spec", spec));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var signoffs = new List<Signoff>();
        while (await reader.ReadAsync(cancellationToken))
        {
            signoffs.Add(new Signoff(spec, reader.GetString(0), reader.GetString(1), Sql.Text(reader, 2), Sql.ParseTime(reader.GetString(3)),
                Sql.Text(reader, 4), reader.GetString(5), reader.GetString(6)));
        }

        return new SignoffBook(signoffs);
    }
}

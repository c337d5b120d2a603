using System.Text;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Xunit;

namespace Greenlight.Tests.Store;

[Collection("postgres")]
public sealed class PostgresRunStoreTests(PostgresServer postgres) : RunStoreContract
{
    internal override async Task<StoreDialect> NewStoreAsync() => new PostgresDialect(await postgres.CreateDatabaseAsync());

    internal override async Task<string> RawContentAsync(StoreDialect dialect)
    {
        // Every row of every table, as text.
        var text = new StringBuilder();
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        foreach (var table in new[] { "gl_meta", "gl_runs", "gl_results", "gl_attempts", "gl_evidence" })
        {
            await using var command = Sql.Command(connection, $"SELECT t::text FROM {table} t");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }
}

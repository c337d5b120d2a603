using System.Data.Common;
using Npgsql;

namespace Greenlight.Store;

/// <summary>PostgreSQL, for a history shared by several machines and CI jobs.</summary>
internal sealed class PostgresDialect(string url) : StoreDialect
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(ConnectionStrings.FromUrl(url));

    public override string Describe { get; } = Secrets.Redactor.None.Redact(url);

    public override string BigInt => "BIGINT";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task LockForUpgradeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(726137001)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

using System.Data.Common;
using Greenlight.Store;
using Npgsql;

namespace Greenlight.Dashboard;

/// <summary>
/// PostgreSQL with every session read-only (<c>default_transaction_read_only</c>), so the dashboard
/// cannot write to the store even by mistake; the server itself refuses.
/// </summary>
internal sealed class ReadOnlyPostgresDialect : StoreDialect
{
    private readonly NpgsqlDataSource _dataSource;

    public ReadOnlyPostgresDialect(string url)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStrings.FromUrl(url))
        {
            Options = "-c default_transaction_read_only=on",
            ApplicationName = "greenlight serve",
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Describe = Secrets.Redactor.None.Redact(url);
    }

    public override string Describe { get; }

    public override bool ReadOnly => true;

    public override string BigInt => "BIGINT";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override Task LockForUpgradeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a read-only store is never upgraded");
}

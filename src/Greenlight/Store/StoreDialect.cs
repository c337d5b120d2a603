using System.Data.Common;

namespace Greenlight.Store;

/// <summary>What differs between the store's databases: connections, column types, locking.</summary>
internal abstract class StoreDialect
{
    /// <summary>Where the store is, with any password masked, for messages.</summary>
    public abstract string Describe { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opened for reading only: nothing is created, upgraded or written.</summary>
    public virtual bool ReadOnly => false;

    /// <summary>Column type for large integers.</summary>
    public abstract string BigInt { get; }

    /// <summary>Serialises schema upgrades between processes, inside the open transaction.</summary>
    public abstract Task LockForUpgradeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}

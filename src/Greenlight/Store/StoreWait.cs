using System.Data.Common;
using Greenlight.Assertions;
using Microsoft.Data.Sqlite;

namespace Greenlight.Store;

/// <summary>
/// Waits for a store another writer holds locked (SQLite's write lock), saying so as it waits, up
/// to a clear limit; past it the store is refused with a message naming the limit.
/// </summary>
internal sealed class StoreWait(TimeSpan limit, TimeProvider time, Action<string>? notice)
{
    // SQLite's own busy handler has already waited (busy_timeout) before the error: poll again soon.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan FirstNotice = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan NoticeEvery = TimeSpan.FromSeconds(5);

    public static StoreWait Default { get; } = new(TimeSpan.FromSeconds(60), TimeProvider.System, null);

    public TimeSpan Limit => limit;

    public TimeProvider Time => time;

    public async Task<T> RunAsync<T>(string describe, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var began = time.GetTimestamp();
        // Other greenlights writing at once hold the lock for moments: only a wait of seconds is worth a word.
        var nextNotice = FirstNotice;
        while (true)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (DbException ex) when (IsLocked(ex))
            {
                var waited = time.GetElapsedTime(began);
                if (waited >= limit)
                {
                    throw new StoreException($"the store at {describe} is locked by another writer; gave up after waiting {Units.FormatDuration(limit.TotalMilliseconds)} (--store-wait sets the limit)", ex);
                }

                if (waited >= nextNotice)
                {
                    notice?.Invoke($"waiting for the store at {describe}: locked by another writer ({Units.FormatDuration(Math.Round(waited.TotalSeconds) * 1000)} of {Units.FormatDuration(limit.TotalMilliseconds)})");
                    nextNotice = waited + NoticeEvery;
                }

                await Task.Delay(Poll, time, cancellationToken);
            }
        }
    }

    public Task RunAsync(string describe, Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        RunAsync(describe, async token =>
        {
            await action(token);
            return true;
        }, cancellationToken);

    /// <summary>SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock.</summary>
    public static bool IsLocked(DbException ex) => ex is SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>SQLITE_FULL, or PostgreSQL's disk_full (53100).</summary>
    public static bool IsFull(Exception ex) =>
        ex is SqliteException { SqliteErrorCode: 13 } || (ex is DbException { SqlState: "53100" }) || ex is IOException { HResult: 28 or unchecked((int)0x80070070) };
}

using System.Globalization;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Alerts;

/// <summary>
/// Alert deliveries in the run store, under the run they were about (the watch window, or the
/// rollback): a delivery that failed after its retries is on record, shown by <c>greenlight show</c>.
/// </summary>
internal static class AlertLog
{
    public static async Task RecordAsync(SqlRunStore store, string runId, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        await using var c = await store.ConnectAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        long next;
        await using (var max = Sql.Command(c, "SELECT COALESCE(MAX(ordinal), -1) FROM gl_alerts WHERE run_id = @run", t, ("run", runId)))
        {
            next = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) + 1;
        }

        foreach (var d in deliveries)
        {
            await using var insert = Sql.Command(c, """
                INSERT INTO gl_alerts (run_id, ordinal, event, channel, delivered, attempts, error, at)
                VALUES (@run, @ordinal, @event, @channel, @delivered, @attempts, @error, @at)
                """, t,
                ("run", runId), ("ordinal", next++), ("event", ReleaseSectionsReader.Snake(d.Event)), ("channel", d.Channel),
                ("delivered", d.Delivered ? 1L : 0L), ("attempts", (long)d.Attempts), ("error", d.Error), ("at", Sql.Time(d.At)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await t.CommitAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<AlertDelivery>> ReadAsync(SqlRunStore store, string runId, CancellationToken cancellationToken)
    {
        if (store.Version < 6)
        {
            return [];
        }

        await using var c = await store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, "SELECT event, channel, delivered, attempts, error, at FROM gl_alerts WHERE run_id = @run ORDER BY ordinal", null, ("run", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deliveries = new List<AlertDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = Enum.Parse<AlertEventKind>(reader.GetString(0).Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
            deliveries.Add(new AlertDelivery(kind, reader.GetString(1), Sql.Long(reader, 2) != 0, (int)Sql.Long(reader, 3), Sql.Text(reader, 4), Sql.ParseTime(reader.GetString(5))));
        }

        return deliveries;
    }
}

using System.Data.Common;
using System.Threading.Channels;
using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Store;

/// <summary>
/// Records a run as it goes: the run row first, each result as soon as it finishes, the verdict at
/// the end. One writer drains a queue and commits whatever has gathered in one transaction, so
/// thousands of checks cost one commit per batch, and a result is durable a moment after it
/// finished: a run killed halfway keeps everything that had finished.
/// </summary>
internal sealed class StoreRecorder : IRunObserver
{
    private readonly Channel<Func<DbConnection, DbTransaction, Task>> _queue =
        Channel.CreateUnbounded<Func<DbConnection, DbTransaction, Task>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SqlRunStore _store;
    private readonly SpecDocument _spec;
    private readonly string _phase;
    private readonly RunProvenance _provenance;
    private readonly IRunObserver? _inner;
    private readonly Task _writer;
    private Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private string? _runId;

    public StoreRecorder(SqlRunStore store, SpecDocument spec, string phase, RunProvenance provenance, IRunObserver? inner)
    {
        _store = store;
        _spec = spec;
        _phase = phase;
        _provenance = provenance;
        _inner = inner;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Why the store stopped taking results, if it did; the run itself goes on.</summary>
    public string? Failure { get; private set; }

    public void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks)
    {
        _runId = runId;
        _ordinals = checks.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        Enqueue((c, t) => SqlRunStore.InsertRunAsync(c, t, runId, _spec.Name, _spec.Path, _spec.Hash, _phase, startedAt, checks.Count, _provenance, CancellationToken.None));
        _inner?.RunStarted(runId, startedAt, checks);
    }

    public void CheckStarted(CheckDefinition check) => _inner?.CheckStarted(check);

    public void CheckFinished(CheckResult result)
    {
        var runId = _runId!;
        var ordinal = _ordinals.GetValueOrDefault(result.Id);
        Enqueue((c, t) => SqlRunStore.InsertResultAsync(c, t, runId, ordinal, result, CancellationToken.None));
        _inner?.CheckFinished(result);
    }

    public void CheckAmended(CheckResult result, IReadOnlyList<Checks.EvidenceItem> added)
    {
        var runId = _runId!;
        var first = result.Evidence.Count - added.Count;
        Enqueue(async (c, t) =>
        {
            for (var i = 0; i < added.Count; i++)
            {
                await using var command = Sql.Command(c, """
                    INSERT INTO gl_evidence (run_id, check_id, ordinal, name, content, full_length)
                    VALUES (@run, @id, @ordinal, @name, @content, @full)
                    """, t,
                    ("run", runId), ("id", result.Id), ("ordinal", (long)(first + i)), ("name", added[i].Name), ("content", added[i].Content),
                    ("full", added[i].FullLength));
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
        });
        _inner?.CheckAmended(result, added);
    }

    /// <summary>Writes the verdict and waits until everything queued is committed.</summary>
    public async Task FinishAsync(RunReport report)
    {
        Enqueue((c, t) => SqlRunStore.FinishRunAsync(c, t, report, CancellationToken.None));
        _queue.Writer.TryComplete();
        await _writer;
    }

    private void Enqueue(Func<DbConnection, DbTransaction, Task> write) => _queue.Writer.TryWrite(write);

    private async Task WriteAsync()
    {
        try
        {
            await using var connection = await _store.ConnectAsync(CancellationToken.None);
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
                var written = 0;
                while (written < 1000 && reader.TryRead(out var write))
                {
                    await write(connection, transaction);
                    written++;
                }

                await transaction.CommitAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException)
        {
            // A store that fails must not fail the release check: say so, keep running.
            Failure = $"results were not stored in {_store.Describe}: {Secrets.Redactor.None.Redact(ex.Message)}";
            while (_queue.Reader.TryRead(out _))
            {
            }
        }
    }
}

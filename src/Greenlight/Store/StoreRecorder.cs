using System.Data.Common;
using System.Threading.Channels;
using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Store;

/// <summary>
/// Records a run as it goes: the run row first, each result as soon as it finishes, the verdict at
/// the end. One writer drains a queue and commits whatever has gathered in one transaction, so
/// thousands of checks cost one commit per batch, and a result is durable a moment after it
/// finished: a run killed halfway keeps everything that had finished. A store that fails (a full
/// disk, a lock held past the wait) stops taking results; <see cref="Failure"/> says which were kept.
/// </summary>
internal sealed class StoreRecorder : IRunObserver
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _finishing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SqlRunStore _store;
    private readonly SpecDocument _spec;
    private readonly string _phase;
    private readonly RunProvenance _provenance;
    private readonly IRunObserver? _inner;
    private readonly StoreWait _wait;
    private readonly Task _writer;
    private readonly List<string> _kept = [];
    private readonly List<string> _lost = [];
    private Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private string? _runId;

    public StoreRecorder(SqlRunStore store, SpecDocument spec, string phase, RunProvenance provenance, IRunObserver? inner, StoreWait? wait = null)
    {
        _store = store;
        _spec = spec;
        _phase = phase;
        _provenance = provenance;
        _inner = inner;
        _wait = wait ?? StoreWait.Default;
        _writer = Task.Run(WriteAsync);
    }

    public string Describe => _store.Describe;

    /// <summary>Why the store stopped taking results, and which it kept, if it did; the run itself goes on.</summary>
    public string? Failure { get; private set; }

    public void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks)
    {
        _runId = runId;
        _ordinals = checks.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        Enqueue(null, b => SqlRunStore.InsertRunAsync(b.Connection, b.Transaction, runId, _spec.Name, _spec.Path, _spec.Hash, _phase, startedAt, checks.Count, _provenance, _spec.Environment, CancellationToken.None));
        _inner?.RunStarted(runId, startedAt, checks);
    }

    public void CheckStarted(CheckDefinition check) => _inner?.CheckStarted(check);

    public void AttemptFailed(CheckDefinition check, AttemptRecord attempt, int maxAttempts, TimeSpan nextDelay) =>
        _inner?.AttemptFailed(check, attempt, maxAttempts, nextDelay);

    public void CheckFinished(CheckResult result)
    {
        var runId = _runId!;
        var ordinal = _ordinals.GetValueOrDefault(result.Id);
        Enqueue(result.Id, b => SqlRunStore.InsertResultAsync(b, runId, ordinal, result, CancellationToken.None));
        _inner?.CheckFinished(result);
    }

    public void CheckAmended(CheckResult result, IReadOnlyList<Checks.EvidenceItem> added)
    {
        var runId = _runId!;
        var first = result.Evidence.Count - added.Count;
        Enqueue(null, async b =>
        {
            for (var i = 0; i < added.Count; i++)
            {
                await SqlRunStore.InsertEvidenceAsync(b, runId, result.Id, first + i, added[i], CancellationToken.None);
            }
        });
        _inner?.CheckAmended(result, added);
    }

    /// <summary>Writes the verdict and waits until everything queued is committed.</summary>
    public async Task FinishAsync(RunReport report)
    {
        Enqueue(null, b => SqlRunStore.FinishRunAsync(b.Connection, b.Transaction, report, CancellationToken.None));
        _queue.Writer.TryComplete();
        _finishing.TrySetResult();
        await _writer;
    }

    private void Enqueue(string? checkId, Func<SqlBatch, Task> write) => _queue.Writer.TryWrite(new Write(checkId, write));

    private async Task WriteAsync()
    {
        var batch = new List<Write>();
        var runRowWritten = false;
        try
        {
            await using var connection = await _store.ConnectAsync(CancellationToken.None);
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                // Gather what finishes in the next moment into one transaction: fewer, larger commits
                // keep the write lock free for other greenlights writing to the same store.
                await LingerAsync();
                batch.Clear();
                while (batch.Count < 1000 && reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                // Another writer holding the lock is waited for, visibly and up to the limit, as at open.
                await _wait.RunAsync(_store.Describe, async _ =>
                {
                    await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
                    await using var statements = new SqlBatch(connection, transaction);
                    foreach (var write in batch)
                    {
                        await write.Apply(statements);
                    }

                    await transaction.CommitAsync(CancellationToken.None);
                }, CancellationToken.None);
                runRowWritten = true;
                _kept.AddRange(batch.Where(w => w.CheckId is not null).Select(w => w.CheckId!));
                batch.Clear();
            }
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or StoreException)
        {
            // A store that fails must not fail the release check: say so, say what was kept, keep running.
            _lost.AddRange(batch.Where(w => w.CheckId is not null).Select(w => w.CheckId!));
            while (_queue.Reader.TryRead(out var dropped))
            {
                if (dropped.CheckId is not null)
                {
                    _lost.Add(dropped.CheckId);
                }
            }

            // Results still arriving after the failure are lost too; FinishAsync has completed the queue by now or will.
            await foreach (var late in _queue.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (late.CheckId is not null)
                {
                    _lost.Add(late.CheckId);
                }
            }

            Failure = DescribeFailure(ex, runRowWritten);
        }
    }

    /// <summary>
    /// Waits a moment for more results to gather, but not once the run has finished: nothing more is
    /// coming, and the last batch waiting out the linger added its 50 ms to every run (half of a
    /// one-check run's wall time in the AOT build).
    /// </summary>
    private async Task LingerAsync()
    {
        using var stop = new CancellationTokenSource();
        await Task.WhenAny(Task.Delay(Linger, _wait.Time, stop.Token), _finishing.Task);
        await stop.CancelAsync();
    }

    private string DescribeFailure(Exception ex, bool runRowWritten)
    {
        var why = StoreWait.IsFull(ex) ? "the disk is full" : Secrets.Redactor.None.Redact(ex.Message);
        var kept = _kept.Count == 0 ? "no result was kept" : $"{Count(_kept.Count)} kept ({List(_kept)})";
        var lost = _lost.Count == 0 ? "" : $"; {Count(_lost.Count)} not stored ({List(_lost)})";
        var run = runRowWritten ? "; the run's verdict was not recorded (it shows as interrupted)" : "; the run itself was not recorded";
        return $"the store at {_store.Describe} stopped taking results: {why}. {Capitalise(kept)}{lost}{run}";
    }

    private static string Count(int n) => n == 1 ? "1 result" : $"{n} results";

    private static string List(List<string> ids) => string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $", … ({ids.Count - 10} more)" : "");

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record Write(string? CheckId, Func<SqlBatch, Task> Apply);
}

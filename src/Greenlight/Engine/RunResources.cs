using System.Collections.Concurrent;
using Greenlight.Checks;
using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>
/// What outlives a check within one run: resources a passed check left open for the checks that
/// need it (a booted app), and work that must end before the run does (a command being killed).
/// The engine marks each open resource before an attempt of a check that needs its owner, adds
/// what it saw meanwhile to that attempt's evidence, and closes all of them at the end of the run.
/// </summary>
internal sealed class RunResources
{
    private readonly ConcurrentDictionary<string, IRunResource> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _held = new();

    /// <summary>Work the run must wait for before it ends (a process being stopped).</summary>
    public void Hold(Task work)
    {
        _held[work] = 0;
        _ = work.ContinueWith(t => _held.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Open(string ownerId, IRunResource resource) => _open[ownerId] = resource;

    /// <summary>Marks the open resources owned by <paramref name="owners"/> (the check's needs, transitively).</summary>
    public IReadOnlyList<(IRunResource Resource, long Mark)> Mark(IEnumerable<string> owners) =>
        [.. owners.Select(o => _open.GetValueOrDefault(o)).OfType<IRunResource>().Select(r => (r, r.Mark()))];

    public async Task<IReadOnlyList<EvidenceItem>> SeenSinceAsync(IReadOnlyList<(IRunResource Resource, long Mark)> marks, bool settle, CancellationToken cancellationToken)
    {
        var seen = new List<EvidenceItem>();
        foreach (var (resource, mark) in marks)
        {
            if (await resource.SeenSinceAsync(mark, settle, cancellationToken) is { } item)
            {
                seen.Add(item);
            }
        }

        return seen;
    }

    /// <summary>Waits for held work (bounded), then closes every open resource; returns the evidence to append, by owner.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<EvidenceItem>>> CloseAllAsync(TimeProvider time)
    {
        var held = Task.WhenAll(_held.Keys);
        await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(10), time, CancellationToken.None));
        var closed = new Dictionary<string, IReadOnlyList<EvidenceItem>>(StringComparer.Ordinal);
        var closing = _open.Select(async pair => (pair.Key, Evidence: await pair.Value.CloseAsync())).ToList();
        foreach (var (owner, evidence) in await Task.WhenAll(closing))
        {
            closed[owner] = evidence;
        }

        _open.Clear();
        return closed;
    }

    /// <summary>Every check <paramref name="check"/> needs, directly or through its needs.</summary>
    public static IReadOnlyList<string> Upstream(CheckDefinition check, IReadOnlyDictionary<string, CheckDefinition> byId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(check.Needs);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (seen.Add(id) && byId.TryGetValue(id, out var need))
            {
                foreach (var next in need.Needs)
                {
                    stack.Push(next);
                }
            }
        }

        return [.. seen];
    }
}

using System.Collections.Concurrent;

namespace Greenlight.Dashboard;

/// <summary>
/// A few built answers, each kept with the stamp of the store it was built from (for a spec page:
/// its newest run id and run count). An answer is reused only while the store still gives the same
/// stamp, so a new run invalidates it at the next request. Bounded: when full it starts over.
/// </summary>
internal sealed class PageCache<T>(int capacity)
    where T : class
{
    private readonly ConcurrentDictionary<string, (string Stamp, T Value)> _entries = new(StringComparer.Ordinal);

    public T? Get(string key, string stamp) =>
        _entries.TryGetValue(key, out var entry) && string.Equals(entry.Stamp, stamp, StringComparison.Ordinal) ? entry.Value : null;

    public void Put(string key, string stamp, T value)
    {
        if (_entries.Count >= capacity && !_entries.ContainsKey(key))
        {
            _entries.Clear(); // rarely hit (a dashboard serves a few specs); simpler than LRU bookkeeping
        }

        _entries[key] = (stamp, value);
    }
}

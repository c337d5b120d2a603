using System.Text;

namespace Greenlight.Processes;

/// <summary>
/// The last lines a process printed (stdout and stderr together, in arrival order), bounded in
/// lines and line length, so an app that prints 100 MB costs a few kilobytes.
/// </summary>
internal sealed class OutputTail(int maxLines = 400, int maxLineLength = 2000)
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _lines = new();
    private long _bytes;
    private long _count;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>How many lines have arrived so far: a mark to ask later what came after it.</summary>
    public long Mark()
    {
        lock (_lock)
        {
            return _count;
        }
    }

    /// <summary>The lines that arrived after <paramref name="mark"/> (those still kept), and how many there were in all.</summary>
    public (IReadOnlyList<string> Lines, long Total) Since(long mark)
    {
        lock (_lock)
        {
            var total = _count - mark;
            var kept = (int)Math.Min(total, _lines.Count);
            return ([.. _lines.Skip(_lines.Count - kept)], total);
        }
    }

    public async Task PumpAsync(Stream stream, CancellationToken cancellationToken)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        var line = new StringBuilder();
        try
        {
            int n;
            while ((n = await stream.ReadAsync(bytes, cancellationToken)) > 0)
            {
                Interlocked.Add(ref _bytes, n);
                var count = decoder.GetChars(bytes, 0, n, chars, 0);
                for (var i = 0; i < count; i++)
                {
                    if (chars[i] == '\n')
                    {
                        Add(line.ToString());
                        line.Clear();
                    }
                    else if (chars[i] != '\r' && line.Length < maxLineLength)
                    {
                        line.Append(chars[i]);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The process ended or was killed: keep what was read.
        }

        if (line.Length > 0)
        {
            Add(line.ToString());
        }
    }

    public string Last(int lines)
    {
        lock (_lock)
        {
            return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
        }
    }

    private void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            _count++;
            while (_lines.Count > maxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}

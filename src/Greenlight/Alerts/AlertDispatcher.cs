using System.Text;
using System.Threading.Channels;
using Greenlight.Processes;
using Greenlight.Spec;

namespace Greenlight.Alerts;

/// <summary>
/// Sends alerts in the background: <see cref="Publish"/> only queues, one sender delivers to each
/// channel that wants the event, with the channel's timeout and retries with backoff (doubling).
/// A delivery that still fails is recorded, never thrown: a dead webhook never blocks the watch.
/// </summary>
internal sealed class AlertDispatcher : IAlertSink, IAsyncDisposable
{
    private readonly Channel<AlertEvent> _queue = Channel.CreateUnbounded<AlertEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IReadOnlyList<AlertChannel> _channels;
    private readonly AlertContext _context;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Func<string, string> _expand;
    private readonly List<AlertDelivery> _deliveries = [];
    private readonly Lock _lock = new();
    private readonly Task _sender;

    public AlertDispatcher(IReadOnlyList<AlertChannel> channels, AlertContext context, Func<string, string> expand, TimeProvider time)
    {
        _channels = channels;
        _context = context;
        _expand = expand;
        _time = time;
        _sender = Task.Run(SendAllAsync);
    }

    public IReadOnlyList<AlertDelivery> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    public void Publish(AlertEvent alert) => _queue.Writer.TryWrite(alert);

    /// <summary>Waits for queued alerts to go out, at most <paramref name="patience"/>; what is left is given up and recorded.</summary>
    public async Task DrainAsync(TimeSpan patience)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_sender, Task.Delay(patience, _time));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _http.Dispose();
        try
        {
            await _sender.WaitAsync(TimeSpan.FromMilliseconds(100), _time);
        }
        catch (TimeoutException)
        {
            // Still retrying a dead channel at exit: give it up.
        }
    }

    public static bool Wants(AlertChannel channel, AlertEvent alert) =>
        (channel.Events.Count == 0 || channel.Events.Contains(alert.Kind)) &&
        (channel.Severities.Count == 0 || alert.Severity is null || channel.Severities.Contains(alert.Severity.Value));

    private async Task SendAllAsync()
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync())
        {
            await Task.WhenAll(_channels.Where(c => Wants(c, alert)).Select(c => SendAsync(c, alert)));
        }
    }

    private async Task SendAsync(AlertChannel channel, AlertEvent alert)
    {
        var payload = AlertPayloads.Build(channel, alert, _context);
        string? error = null;
        var attempts = 0;
        var delay = channel.Backoff;
        for (var attempt = 0; attempt <= channel.Retries; attempt++)
        {
            attempts++;
            error = await TryOnceAsync(channel, payload);
            if (error is null)
            {
                break;
            }

            if (attempt < channel.Retries)
            {
                await Task.Delay(delay, _time);
                delay *= 2;
            }
        }

        lock (_lock)
        {
            _deliveries.Add(new AlertDelivery(alert.Kind, channel.Describe, error is null, attempts, error is null ? null : _context.Redactor.Redact(error), _time.GetUtcNow()));
        }
    }

    private async Task<string?> TryOnceAsync(AlertChannel channel, string payload)
    {
        using var timeout = new CancellationTokenSource(channel.Timeout, _time);
        try
        {
            if (channel.Type == AlertChannelType.Command)
            {
                var outcome = await ProcessRunner.RunAsync(new ProcessRequest
                {
                    FileName = "/bin/sh",
                    Arguments = ["-c", _expand(channel.Run!)],
                    Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GREENLIGHT_ALERT"] = payload },
                    MaxOutputBytes = 16 * 1024,
                }, _time, timeout.Token);
                return outcome.ExitCode == 0 ? null : $"exit code {outcome.ExitCode}: {outcome.Stderr.Trim()}";
            }

            using var content = new StringContent(payload, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(_expand(channel.Url!), content, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {Assertions.Units.FormatDuration(channel.Timeout.TotalMilliseconds)}";
        }
        catch (Exception ex) when (ex is HttpRequestException or ProcessStartException or InvalidOperationException or UriFormatException)
        {
            return ex.Message;
        }
    }
}

using Greenlight.Spec;

namespace Greenlight.Alerts;

/// <summary>One entry of the spec's <c>alerts:</c>, validated at load; URL, command and template are expanded when sent.</summary>
internal sealed record AlertChannel
{
    public required AlertChannelType Type { get; init; }

    /// <summary>The webhook URL (a template: write secrets as ${VAR}); null for a command.</summary>
    public string? Url { get; init; }

    /// <summary>The shell line of a command channel; the payload arrives on its standard input.</summary>
    public string? Run { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    public int Retries { get; init; } = 2;
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Only events about checks of these severities (window and rollback events always pass); empty: all.</summary>
    public IReadOnlyList<Severity> Severities { get; init; } = [];

    /// <summary>Only these events; empty: all.</summary>
    public IReadOnlyList<AlertEventKind> Events { get; init; } = [];

    /// <summary>A payload template overriding the channel's own (${alert.*} fields); null: the default.</summary>
    public string? Template { get; init; }

    public required SourceLocation Location { get; init; }

    public string Describe => Type switch
    {
        AlertChannelType.Command => $"command `{Run}`",
        AlertChannelType.Webhook => "webhook",
        _ => $"{Type.ToString().ToLowerInvariant()} webhook",
    };
}

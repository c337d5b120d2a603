namespace Greenlight.Alerts;

/// <summary>One alert sent (or not) to one channel: what, where, how many tries, and why it failed.</summary>
internal sealed record AlertDelivery(AlertEventKind Event, string Channel, bool Delivered, int Attempts, string? Error, DateTimeOffset At);

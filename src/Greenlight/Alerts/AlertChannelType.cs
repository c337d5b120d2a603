namespace Greenlight.Alerts;

/// <summary>Where an alert goes: a JSON webhook, a Slack- or Teams-compatible webhook, or a command.</summary>
internal enum AlertChannelType
{
    Webhook,
    Slack,
    Teams,
    Command,
}

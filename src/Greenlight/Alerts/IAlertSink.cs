namespace Greenlight.Alerts;

/// <summary>Takes alerts without waiting for them to be delivered: a dead webhook never holds up the watch.</summary>
internal interface IAlertSink
{
    void Publish(AlertEvent alert);
}

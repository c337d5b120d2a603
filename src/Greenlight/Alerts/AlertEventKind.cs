namespace Greenlight.Alerts;

/// <summary>The changes of state people are told about (never each measurement).</summary>
internal enum AlertEventKind
{
    /// <summary>A check's measurement failed after one that did not.</summary>
    CheckFailing,

    /// <summary>A check passed again after failing.</summary>
    CheckRecovered,

    /// <summary>A check reached one of its limits (failed, errored or inconclusive for good).</summary>
    LimitReached,
    WindowEnded,
    RollbackStarted,
    RollbackSucceeded,
    RollbackFailed,
}

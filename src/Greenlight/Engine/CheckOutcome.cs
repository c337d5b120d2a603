namespace Greenlight.Engine;

/// <summary>How a check ended. "fail" means it ran and an expectation did not hold; "error" means it could not run.</summary>
internal enum CheckOutcome
{
    Pass,
    Fail,
    Error,
    Skipped,
    Pending,
}

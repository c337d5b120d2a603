namespace Greenlight.Spec;

/// <summary><c>retry: { attempts: 10, delay: 3s, backoff: exponential, max_delay: 30s, on: [error, fail] }</c>.</summary>
internal sealed record RetrySettings(int Attempts, TimeSpan Delay, BackoffKind Backoff, TimeSpan? MaxDelay)
{
    public static readonly RetrySettings None = new(1, TimeSpan.Zero, BackoffKind.Constant, null);

    /// <summary>Which outcomes are retried: <c>[error]</c> by default; <c>[error, fail]</c> retries failed expectations too.</summary>
    public RetryOn On { get; init; } = RetryOn.Error;
}

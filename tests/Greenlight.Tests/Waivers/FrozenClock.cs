namespace Greenlight.Tests.Waivers;

/// <summary>A clock frozen at a chosen moment (durations read zero), so a waiver's expiry is decided without waiting.</summary>
internal sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

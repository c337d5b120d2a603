namespace Greenlight.Spec;

/// <summary><c>retry.on</c>: which outcomes are tried again. A failure is deterministic more often than not, so only errors by default.</summary>
[Flags]
internal enum RetryOn
{
    None = 0,
    Error = 1,
    Fail = 2,
}

namespace Greenlight.Spec;

internal enum BackoffKind
{
    Constant,
    Linear,
    Exponential,
}

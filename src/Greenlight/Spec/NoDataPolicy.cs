namespace Greenlight.Spec;

/// <summary>What a measurement with no data (no rows, null, NaN, ±Inf, an empty vector) counts as.</summary>
internal enum NoDataPolicy
{
    Inconclusive,
    Fail,
    Pass,
}

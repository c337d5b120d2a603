namespace Greenlight.Assertions;

/// <summary>The operators of the assertion language.</summary>
internal enum AssertionOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    NotContains,
    Matches,
    NotMatches,
    Exists,
    NotExists,
    In,
    NotIn,
    IsEmpty,
    IsNotEmpty,
}

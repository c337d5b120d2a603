namespace Greenlight.Assertions;

/// <summary>The type of a value an assertion compares.</summary>
internal enum ValueKind
{
    Missing,
    Null,
    Bool,
    Number,
    String,
    Duration,
    Size,
    List,
    Object,
}

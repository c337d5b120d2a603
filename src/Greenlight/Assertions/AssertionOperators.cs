namespace Greenlight.Assertions;

/// <summary>Spelling and arity of each operator.</summary>
internal static class AssertionOperators
{
    public static string Spell(AssertionOperator op) => op switch
    {
        AssertionOperator.Equal => "==",
        AssertionOperator.NotEqual => "!=",
        AssertionOperator.Less => "<",
        AssertionOperator.LessOrEqual => "<=",
        AssertionOperator.Greater => ">",
        AssertionOperator.GreaterOrEqual => ">=",
        AssertionOperator.Contains => "contains",
        AssertionOperator.NotContains => "not contains",
        AssertionOperator.Matches => "matches",
        AssertionOperator.NotMatches => "not matches",
        AssertionOperator.Exists => "exists",
        AssertionOperator.NotExists => "not exists",
        AssertionOperator.In => "in",
        AssertionOperator.NotIn => "not in",
        AssertionOperator.IsEmpty => "is empty",
        AssertionOperator.IsNotEmpty => "is not empty",
        _ => op.ToString(),
    };

    public static bool TakesValue(AssertionOperator op) =>
        op is not (AssertionOperator.Exists or AssertionOperator.NotExists or AssertionOperator.IsEmpty or AssertionOperator.IsNotEmpty);

    public static bool IsOrdering(AssertionOperator op) =>
        op is AssertionOperator.Less or AssertionOperator.LessOrEqual or AssertionOperator.Greater or AssertionOperator.GreaterOrEqual;

    public const string All = "==, !=, <, <=, >, >=, contains, not contains, matches, not matches, exists, not exists, in, not in, is empty, is not empty";
}

namespace Greenlight.Databases.Schema;

/// <summary>
/// A function, procedure or aggregate by its signature: <see cref="Definition"/> is the full
/// CREATE statement (pg_get_functiondef: language, volatility, SECURITY DEFINER, SET search_path,
/// body), <see cref="Result"/> its result type (a change needs DROP, not CREATE OR REPLACE).
/// Kind: f function, p procedure, a aggregate, w window.
/// </summary>
internal sealed record RoutineSchema(string Kind, string Definition, string? Result);

namespace Greenlight.Checks.Sql;

/// <summary>
/// A statement or function a sql check refuses at load, with the reason and an example that must be
/// refused (each entry has its own test). <see cref="Prefix"/> matches every function whose name
/// starts with <see cref="Name"/>.
/// </summary>
internal sealed record SideEffect(SideEffectKind Kind, string Name, string Reason, string Example, bool Prefix = false)
{
    public bool Matches(string name) => Prefix ? name.StartsWith(Name, StringComparison.Ordinal) : name == Name;
}

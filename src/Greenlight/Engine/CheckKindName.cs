namespace Greenlight.Engine;

/// <summary>
/// The kind of check a result came from (<c>http</c>, <c>sql</c>…), as a type: a stored result may
/// name a kind this build no longer has, so it is a name, not an <see cref="Checks.ICheckKind"/>.
/// </summary>
internal readonly record struct CheckKindName(string Value)
{
    public static implicit operator CheckKindName(string value) => new(value);

    public override string ToString() => Value;
}

namespace Greenlight.Checks;

/// <summary>A kind whose checks always capture some values (boot: url, port), without a capture: field.</summary>
internal interface IProvidesCaptures
{
    IReadOnlyList<string> ImplicitCaptures { get; }
}

namespace Greenlight.Assertions;

/// <summary>A malformed assertion; <see cref="Column"/> is the 0-based offset in the text.</summary>
internal sealed class AssertionSyntaxException(string message, int column) : Exception(message)
{
    public int Column { get; } = column;
}

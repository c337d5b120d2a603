namespace Greenlight.Databases.SqlText;

/// <summary>SQL text that cannot be split: an unterminated string, quoted identifier or comment.</summary>
internal sealed class SqlSyntaxException(string message, int offset, int line, int column) : Exception(message)
{
    public int Offset { get; } = offset;
    public int Line { get; } = line;
    public int Column { get; } = column;
}

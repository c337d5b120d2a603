namespace Greenlight.Import.Rules;

/// <summary>What the commands of one shell block share: the block, the folder a <c>cd</c> moved to, the tables psql looked at.</summary>
internal sealed class ShellBlockState(CodeContext block)
{
    public CodeContext Block { get; } = block;
    public string? Folder { get; set; }
    public ShellCommand? Last { get; set; }

    /// <summary>Tables that <c>\dt</c>, <c>\d</c> or a <c>pg_indexes</c> query looked at, with the index names the document expects.</summary>
    public Dictionary<string, (int Line, List<string> Indexes, string? Title)> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>What the document expects of a command: comments right after it, and the block's expectations when it is the last one.</summary>
    public List<string> ExpectationsOf(ShellCommand command) =>
        [.. command.After, .. ReferenceEquals(command, Last) ? Block.Expectations : []];
}

namespace Greenlight.Import.Rules;

/// <summary>A conversion for one kind of shell command (curl, psql, alembic, pytest …). Returns false when the command is not its kind.</summary>
internal interface ICommandRule
{
    bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session);
}

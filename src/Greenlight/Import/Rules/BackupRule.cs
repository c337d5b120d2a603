using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// A dump (<c>pg_dump</c>, <c>supabase db dump</c>, <c>mysqldump</c>) to a file → a <c>file</c> check
/// that the backup exists, is recent and is not empty: the checklist's "backup taken" as evidence.
/// </summary>
internal sealed partial class BackupRule : ICommandRule
{
    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        if (!DumpCommand().IsMatch(command.Text))
        {
            return false;
        }

        var redirect = Redirect().Match(command.Text);
        var file = command.Option("-f", "--file") ?? (redirect.Success ? redirect.Groups["file"].Value : null);
        if (file is null)
        {
            session.Skip(command.Line, command.Text, "a dump without an output file to check");
            return true;
        }

        if (block.Block.Phase == ImportPhase.Rollback)
        {
            session.Rollback.Add(new ImportedRollbackStep(command.Line, command.Text, "a backup in the rollback plan"));
            return true;
        }

        var pattern = CommandSubstitution().Replace(file, "*");
        var check = new ImportedCheck
        {
            Kind = "file",
            Title = block.Block.Title($"the backup {pattern} was taken"),
            Line = command.Line,
            Phase = ImportPhase.Pre,
            Area = "DB",
        };
        check.Set("path", pattern);
        check.Expect.Add("age < 1h");
        check.Expect.Add("size > 0B");
        check.Fix = command.Text;
        check.Notes.Add("a backup the document takes before changing anything: it must exist, be recent and not be empty");
        check.Keys.Add("backup");
        session.Add(check);
        return true;
    }

    [GeneratedRegex(@"^(pg_dump|pg_dumpall|mysqldump|supabase db dump|sqlite3 \S+ \.dump)\b")]
    private static partial Regex DumpCommand();

    [GeneratedRegex(@">\s*(?<file>[^\s|;&]+)")]
    private static partial Regex Redirect();

    [GeneratedRegex(@"\$\([^)]*\)|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex CommandSubstitution();
}

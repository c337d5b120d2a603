namespace Greenlight.Import.Rules;

/// <summary>
/// <c>alembic current</c> with the revision the document expects → a <c>command</c> check on the
/// migration head. <c>alembic upgrade</c>/<c>downgrade</c> change the database: a rollback step in
/// the rollback plan, listed elsewhere.
/// </summary>
internal sealed class AlembicRule : ICommandRule
{
    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        if (command.Program != "alembic" || command.Words.Count < 2)
        {
            return false;
        }

        var verb = command.Words[1];
        if (verb is "upgrade" or "downgrade" or "stamp" or "revision")
        {
            if (block.Block.Phase == ImportPhase.Rollback)
            {
                session.Rollback.Add(new ImportedRollbackStep(command.Line, WithFolder(command.Text, block.Folder), "from the rollback plan"));
            }
            else
            {
                session.Skip(command.Line, command.Text, $"`alembic {verb}` changes the database: run it in the deploy, and dry-run it with a `migration` check");
            }

            return true;
        }

        if (verb is not ("current" or "heads" or "history" or "check"))
        {
            return false;
        }

        var check = new ImportedCheck
        {
            Kind = "command",
            Title = command.Title ?? $"alembic {verb}",
            Line = command.Line,
            Phase = block.Block.Phase == ImportPhase.Rollback ? ImportPhase.Post : block.Block.Phase,
            Area = "DB",
        };
        check.Set("argv", command.Words.ToList());
        if (block.Folder is not null)
        {
            check.Set("cwd", block.Folder);
        }

        var (assertions, leftOver) = ExpectationPhrases.ForCommand(block.ExpectationsOf(command));
        check.Expect.Add("exit_code == 0");
        check.Expect.AddRange(assertions);
        check.Notes.AddRange(leftOver.Select(l => $"not converted: {l}"));
        check.Notes.Add("the migration head, read by Alembic itself");
        foreach (var assertion in assertions)
        {
            foreach (var word in assertion.Split(' ', '"', '(', ')').Where(w => w.Contains('_', StringComparison.Ordinal)))
            {
                check.Keys.Add(word);
            }
        }

        check.Keys.Add("alembic");
        session.Add(check);
        return true;
    }

    internal static string WithFolder(string text, string? folder) => folder is null ? text : $"cd {folder} && {text}";
}

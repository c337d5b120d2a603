using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// Commands that change or start something — <c>git push</c>, <c>./scripts/deploy.sh</c>, <c>render deploy</c>,
/// <c>docker compose up</c>, <c>make deploy</c> — are never checks. In the rollback plan they are its steps,
/// for a person to review; elsewhere they are listed as not converted.
/// </summary>
internal sealed partial class ChangeCommandRule : ICommandRule
{
    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        if (!ChangeCommand().IsMatch(command.Text))
        {
            return false;
        }

        if (block.Block.Phase == ImportPhase.Rollback && !command.Text.StartsWith("sleep", StringComparison.Ordinal))
        {
            var run = AlembicRule.WithFolder(command.Text, block.Folder);
            session.Rollback.Add(new ImportedRollbackStep(command.Line, run, "from the rollback plan"));
            return true;
        }

        session.Skip(command.Line, command.Text, "a deploy or change step, not a check (Greenlight verifies before and after it)");
        return true;
    }

    [GeneratedRegex(@"^(git (push|commit|add|merge|revert|checkout|reset|tag|pull)|\S*deploy\S*|render (deploy|variables --set|restart)|netlify deploy|vercel|railway (up|redeploy)|fly deploy|heroku |kubectl (apply|rollout|set)|helm (upgrade|install|rollback)|docker( |-)compose (up|down|restart)|docker (run|build|push)|make (deploy|dev\S*|release|install|up)|npm run (dev|start|build|deploy)|supabase (db push|migration up|functions deploy)|sleep\b|systemctl|service )")]
    private static partial Regex ChangeCommand();
}

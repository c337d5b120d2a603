using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>A ```bash block: each command goes through the command rules; what none takes is listed with the reason.</summary>
internal sealed partial class ShellBlockRule(IReadOnlyList<ICommandRule> rules) : ICodeRule
{
    private static readonly string[] Languages = ["bash", "sh", "shell", "console", "zsh", "terminal"];

    public bool TryImport(CodeContext block, ImportSession session)
    {
        if (!Languages.Contains(block.Element.Language))
        {
            return false;
        }

        var commands = ShellReader.Read(block.Element.Content, block.Element.ContentLine);
        if (commands.Count == 0)
        {
            return true;
        }

        if (!LooksLikeCommand(commands[0]))
        {
            // Printed output, log lines or a requirements list in a shell fence: an example, not commands.
            session.Skip(block.Element.Line, block.Element.Content, "printed output in a shell block, not commands: an example, not a check");
            return true;
        }
        var state = new ShellBlockState(block) { Last = commands.LastOrDefault(c => !IsNavigation(c)) };
        foreach (var command in commands)
        {
            if (command.Program == "cd" && command.Words.Count > 1)
            {
                state.Folder = state.Folder is null || Path.IsPathRooted(command.Words[1]) ? command.Words[1] : Path.Combine(state.Folder, command.Words[1]);
                continue;
            }

            if (!LooksLikeCommand(command))
            {
                continue;
            }

            RequireShellVariables(command, session);
            session.Items++;
            if (!rules.Any(rule => rule.TryImport(command, state, session)))
            {
                session.Skip(command.Line, command.Text, "no outcome the document states to check (not a check)");
            }
        }

        PsqlRule.EmitSchemaChecks(state, session);
        return true;
    }

    private static bool LooksLikeCommand(ShellCommand command) => CommandWord().IsMatch(command.Words.FirstOrDefault() ?? "");

    private static bool IsNavigation(ShellCommand command) => command.Program is "cd" or "sleep" or "export";

    /// <summary><c>$OPENAI_API_KEY</c> in a command means the variable must be set where the release runs.</summary>
    private static void RequireShellVariables(ShellCommand command, ImportSession session)
    {
        foreach (Match match in ShellVariable().Matches(command.Text + "\n" + command.Heredoc))
        {
            var name = match.Groups["name"].Value;
            if (!NotRequired.Contains(name) && name.Contains('_', StringComparison.Ordinal))
            {
                session.RequireEnv(name, command.Line);
            }
        }
    }

    private static readonly HashSet<string> NotRequired = new(StringComparer.Ordinal) { "PATH", "HOME", "PWD", "OLDPWD", "USER", "SHELL", "PORT", "HOSTNAME", "TERM", "LANG", "GITHUB_STEP_SUMMARY", "DATABASE_URL" };

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*=\S*|[A-Za-z0-9_./~][A-Za-z0-9_./~+-]*)$")]
    private static partial Regex CommandWord();

    [GeneratedRegex(@"\$\{?(?<name>[A-Z][A-Z0-9_]{2,})\b")]
    private static partial Regex ShellVariable();
}

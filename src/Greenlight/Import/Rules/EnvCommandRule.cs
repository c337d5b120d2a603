using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// Commands that only look at variables — <c>echo $OPENAI_API_KEY | head -c 10  # Should show "sk-..."</c>,
/// <c>printenv X</c>, <c>render variables | grep -E "(A|B)"</c> — become requirements of the env check
/// (with the shape the document gives), and never print a value.
/// </summary>
internal sealed partial class EnvCommandRule : ICommandRule
{
    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        if (command.Program is "echo" or "printenv" && EchoedVariable().Match(command.Text) is { Success: true } echoed)
        {
            var name = echoed.Groups["name"].Value;
            session.RequireEnv(name, command.Line);
            foreach (var after in command.After)
            {
                if (ShowsPrefix().Match(after) is { Success: true } prefix)
                {
                    session.EnvShapes[name] = "^" + Regex.Escape(prefix.Groups["prefix"].Value);
                }
            }

            return true;
        }

        if (VariableListing().IsMatch(command.Text) && GrepNames().Match(command.Text) is { Success: true } grep)
        {
            foreach (Match name in EnvName().Matches(grep.Value))
            {
                session.RequireEnv(name.Value, command.Line);
            }

            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^(echo|printenv)\s+(""|')?\$?\{?(?<name>[A-Z][A-Z0-9_]+)")]
    private static partial Regex EchoedVariable();

    [GeneratedRegex(@"(should|must|expected)\s+(show|start with|be|output)\s*:?\s*[""'`]?(?<prefix>[A-Za-z0-9_\-]+?)(\.\.\.|…|[""'`])", RegexOptions.IgnoreCase)]
    private static partial Regex ShowsPrefix();

    [GeneratedRegex(@"\b(variables|printenv|env|config:get|config list)\b")]
    private static partial Regex VariableListing();

    [GeneratedRegex(@"\|\s*grep\b.*$")]
    private static partial Regex GrepNames();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")]
    private static partial Regex EnvName();
}

using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// Python in a document (a ```python block, <c>python3 -c "…"</c>, <c>python3 &lt;&lt; EOF</c>): the variables
/// it reads (<c>os.getenv("X")</c>, <c>os.environ["X"]</c>) become env requirements (optional when it
/// gives a default) and a <c>SELECT</c> it executes becomes a <c>sql</c> check. The code itself is never run.
/// </summary>
internal sealed partial class PythonRule : ICodeRule, ICommandRule
{
    private static readonly string[] Languages = ["python", "py", "python3", "pycon"];

    public bool TryImport(CodeContext block, ImportSession session)
    {
        if (!Languages.Contains(block.Element.Language))
        {
            return false;
        }

        session.Items++;
        if (!Import(block.Element.Content, block.Element.ContentLine, block, block.Expectations, session, null))
        {
            session.Skip(block.Element.Line, block.Element.Content, "Python code: Greenlight does not run the app's code (state what it proves as a check)");
        }

        return true;
    }

    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        if (!command.Program.StartsWith("python", StringComparison.Ordinal))
        {
            return false;
        }

        var code = command.Option("-c") ?? command.Heredoc;
        if (code is null || !Import(code, command.Line, block.Block, block.ExpectationsOf(command), session, command.Title))
        {
            session.Skip(command.Line, command.Text, "Python code: Greenlight does not run the app's code (state what it proves as a check)");
        }

        return true;
    }

    private static bool Import(string code, int line, CodeContext block, IReadOnlyList<string> expectations, ImportSession session, string? title)
    {
        var found = false;
        foreach (Match match in EnvRead().Matches(code))
        {
            session.RequireEnv(match.Groups["name"].Value, line + LineOf(code, match.Index), optional: match.Groups["default"].Success);
            found = true;
        }

        foreach (Match match in Execute().Matches(code))
        {
            var sql = match.Groups["sql"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
            if (SqlStatements.Split(sql) is [var first, ..] && SqlStatements.IsQuery(first.Keyword))
            {
                SqlChecks.Import(sql, line + LineOf(code, match.Index), block, expectations, session, title);
                found = true;
            }
        }

        return found;
    }

    private static int LineOf(string text, int index) => text[..index].Count(c => c == '\n');

    [GeneratedRegex(@"os\.(getenv|environ\.get)\(\s*['""](?<name>[A-Z][A-Z0-9_]*)['""]\s*(?<default>,[^)]*)?\)|os\.environ\[\s*['""](?<name>[A-Z][A-Z0-9_]*)['""]\s*\]")]
    private static partial Regex EnvRead();

    [GeneratedRegex(@"\.execute\(\s*(?<q>\\?[""']{1,3})(?<sql>.+?)\k<q>", RegexOptions.Singleline)]
    private static partial Regex Execute();
}

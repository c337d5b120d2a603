using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary><c>pytest …</c>, <c>npm test</c>, <c>go test</c>, <c>dotnet test</c>, <c>make test</c> → a <c>command</c> check that must exit 0.</summary>
internal sealed partial class TestRunnerRule : ICommandRule
{
    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        if (!TestCommand().IsMatch(command.Text))
        {
            return false;
        }

        var run = command.Text;
        var check = new ImportedCheck
        {
            Kind = "command",
            Title = command.Title ?? block.Block.Title($"`{Shorten(run)}` passes"),
            Line = command.Line,
            Phase = block.Block.Phase == ImportPhase.Rollback ? ImportPhase.Post : block.Block.Phase,
            Area = "Code",
        };
        if (Fallback().Match(run) is { Success: true } fallback)
        {
            run = run[..fallback.Index].TrimEnd();
            check.Notes.Add($"the document's `{fallback.Value.Trim()}` would hide a failure; it was removed");
        }

        check.Set("run", AlembicRule.WithFolder(run, block.Folder));
        check.Keys.Add("test");
        session.Add(check);
        return true;
    }

    private static string Shorten(string text) => text.Length <= 50 ? text : text[..47] + "…";

    [GeneratedRegex(@"^(python3? -m )?(pytest|py\.test|tox|nox)\b|^(npm|pnpm|yarn) (run )?test\b|^go test\b|^dotnet test\b|^make (test|check)\b|^cargo test\b|^bundle exec rspec\b")]
    private static partial Regex TestCommand();

    [GeneratedRegex(@"\s*(\|\||;)\s*(echo|true|:)\b.*$")]
    private static partial Regex Fallback();
}

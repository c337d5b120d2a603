using System.Text.RegularExpressions;

namespace Greenlight.Init.Detectors;

/// <summary>
/// Variables the app needs: every name in <c>.env.example</c> (or <c>.env.sample</c>, <c>.env.template</c>),
/// and every one its code reads — <c>os.getenv("X")</c>, <c>os.environ["X"]</c>, <c>process.env.X</c>,
/// <c>Environment.GetEnvironmentVariable("X")</c>; one read with a default is optional.
/// </summary>
internal sealed partial class EnvVariablesDetector : IRepositoryDetector
{
    private static readonly string[] Examples = [".env.example", ".env.sample", ".env.template", ".env.dist", "example.env"];

    public void Detect(InitDraft draft)
    {
        foreach (var example in Examples.Where(draft.Files.Exists))
        {
            foreach (Match match in ExampleLine().Matches(draft.Files.Text(example) ?? ""))
            {
                draft.RequireEnv(match.Groups["name"].Value, example);
            }
        }

        foreach (var file in draft.Files.WithExtension(".py", ".js", ".ts", ".mjs", ".cjs", ".cs", ".go", ".rb"))
        {
            var text = draft.Files.Text(file);
            if (text is null)
            {
                continue;
            }

            foreach (Match match in CodeRead().Matches(text))
            {
                var name = match.Groups["name"].Value;
                var optional = match.Groups["default"].Success || FallbackAfter().IsMatch(text[(match.Index + match.Length)..Math.Min(text.Length, match.Index + match.Length + 6)]);
                draft.RequireEnv(name, file, optional);
            }
        }
    }

    [GeneratedRegex(@"^\s*(export\s+)?(?<name>[A-Z][A-Z0-9_]*)\s*=", RegexOptions.Multiline)]
    private static partial Regex ExampleLine();

    [GeneratedRegex(@"os\.(getenv|environ\.get)\(\s*['""](?<name>[A-Z][A-Z0-9_]*)['""]\s*(?<default>,[^)]+)?\)|os\.environ\[\s*['""](?<name>[A-Z][A-Z0-9_]*)['""]\s*\]|process\.env\.(?<name>[A-Z][A-Z0-9_]*)|process\.env\[\s*['""](?<name>[A-Z][A-Z0-9_]*)['""]\s*\]|Environment\.GetEnvironmentVariable\(\s*""(?<name>[A-Z][A-Z0-9_]*)""\s*\)|os\.Getenv\(\s*""(?<name>[A-Z][A-Z0-9_]*)""\s*\)|ENV\[\s*['""](?<name>[A-Z][A-Z0-9_]*)['""]\s*\]")]
    private static partial Regex CodeRead();

    [GeneratedRegex(@"^\s*(\|\||\?\?|or\b)")]
    private static partial Regex FallbackAfter();
}

using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary><c>curl [-X M] [-H 'K: V'] [-d BODY] URL</c> → an <c>http</c> check; the host becomes a spec variable.</summary>
internal sealed partial class CurlRule : ICommandRule
{
    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        if (command.Program != "curl")
        {
            return false;
        }

        var url = command.Words.Skip(1).FirstOrDefault(w => w.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || w.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (url is null || BaseUrl().Match(url) is not { Success: true } parts)
        {
            session.Skip(command.Line, command.Text, "curl without an http(s) URL");
            return true;
        }

        var body = command.Option("-d", "--data", "--data-raw", "--data-binary", "--json");
        var method = (command.Option("-X", "--request") ?? (body is null ? "GET" : "POST")).ToUpperInvariant();
        var variable = session.UseBaseUrl(parts.Groups["base"].Value);
        var target = "${" + variable + "}" + ToSpecVariables(parts.Groups["path"].Value);
        var headers = command.Options("-H", "--header")
            .Select(h => h.Split(':', 2))
            .Where(h => h.Length == 2)
            .Select(h => new KeyValuePair<string, object>(h[0].Trim(), session.Scrub(ToSpecVariables(h[1].Trim()), command.Line)))
            .ToList();

        var check = new ImportedCheck
        {
            Kind = "http",
            Title = command.Title ?? block.Block.Title(),
            Line = command.Line,
            Phase = block.Block.Phase == ImportPhase.Pre ? ImportPhase.Pre : block.Block.Phase,
            Area = "API",
        };
        if (headers.Count == 0 && body is null)
        {
            check.Set("request", $"{method} {target}");
        }
        else
        {
            var request = new List<KeyValuePair<string, object>> { new("method", method), new("url", target) };
            if (headers.Count > 0)
            {
                request.Add(new("headers", headers));
            }

            if (body is not null)
            {
                request.Add(new("body", session.Scrub(ToSpecVariables(body), command.Line)));
            }

            check.Set("request", request);
        }

        var (assertions, leftOver) = ExpectationPhrases.ForHttp(block.ExpectationsOf(command));
        check.Expect.AddRange(assertions);
        check.Notes.AddRange(leftOver.Select(l => $"not converted (say it as an assertion if it matters): {l}"));
        check.Keys.Add(parts.Groups["path"].Value);
        foreach (var segment in parts.Groups["path"].Value.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            check.Keys.Add(segment);
        }

        session.Add(check);
        return true;
    }

    /// <summary>Shell's <c>$NAME</c> becomes Greenlight's <c>${NAME}</c>.</summary>
    internal static string ToSpecVariables(string text) => ShellVariable().Replace(text, m => "${" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"^(?<base>https?://[^/?#]+)(?<path>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex BaseUrl();

    [GeneratedRegex(@"\$(?!\{)(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellVariable();
}

using System.Text.RegularExpressions;
using Greenlight.Assertions;
using Greenlight.SecretScanning;
using Greenlight.Spec;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Checks.Secrets;

/// <summary><c>kind: secrets</c>: leaked credentials in the repository (and optionally its history), masked to 4 characters everywhere.</summary>
internal sealed class SecretsKind : ICheckKind
{
    public string Name => "secrets";

    public string Summary => "Leaked credentials (OpenAI, Anthropic, AWS, GitHub, Slack, Stripe, private keys, passwords in URLs, .env files…) in the repository's files or history; values masked to 4 characters.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("root", FieldSchemas.String, "The folder to scan, relative to the spec (default: the spec's folder)."),
        new("files", FieldSchemas.StringList, "Globs of files to scan (default every file: **/*)."),
        new("exclude", FieldSchemas.StringList, "Globs of files not to scan."),
        new("git_tracked", FieldSchemas.Boolean, "Scan only the files git tracks (default: true inside a git work tree, else every file)."),
        new("history", FieldSchemas.Boolean, "Also scan every line ever added in the git history (git log -p), reporting the commit (default false)."),
        new("rules", () => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["required"] = new JsonArray("id", "regex"), ["properties"] = new JsonObject { ["id"] = FieldSchemas.String(), ["regex"] = FieldSchemas.String(), ["keywords"] = FieldSchemas.StringList(), ["description"] = FieldSchemas.String(), ["warn"] = FieldSchemas.Boolean() }, ["additionalProperties"] = false } },
            "Your own rules: id, regex (its first group, or the whole match, is the secret), keywords (literals that must occur; default: none, every line), description, warn."),
        new("disable", FieldSchemas.StringList, "Built-in rule ids to turn off (e.g. generic-high-entropy)."),
        new("allow", () => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["paths"] = FieldSchemas.StringList(), ["regexes"] = FieldSchemas.StringList(), ["fingerprints"] = FieldSchemas.StringList() }, ["additionalProperties"] = false },
            "Allow-lists: `paths` (globs never scanned), `regexes` (values that are not secrets, e.g. test fixtures), `fingerprints` (single findings accepted)."),
        new("baseline", FieldSchemas.String, "A baseline file written by `greenlight secrets baseline`: its findings are accepted, new ones fail."),
        new("max_file_size", FieldSchemas.Size, "Files larger than this are skipped and counted (default 5MiB)."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("findings", ValueKind.Number, "Leaked secrets found (not allowed, not in the baseline; warnings not counted)."),
        new("warnings", ValueKind.Number, "Findings of warn-only rules (generic high entropy)."),
        new("files", ValueKind.Number, "Files scanned."),
        new("skipped", ValueKind.Number, "Files skipped: binary or larger than max_file_size."),
    ]);

    public IReadOnlyList<string> DefaultExpect => [];

    public static IReadOnlyList<string> BuiltInIds => [.. BuiltInSecretRules.All.Select(r => r.Id), BuiltInSecretRules.DotEnvId];

    public ICheck Create(YamlMapReader fields)
    {
        var context = fields.Context;
        var root = fields.Text("root") ?? ".";
        var disable = (fields.ScalarList("disable") ?? []).ToList();
        foreach (var (id, node) in disable.Where(d => !BuiltInIds.Contains(d.Text)))
        {
            var hint = Text.DidYouMean.Suggest(id, BuiltInIds);
            context.Error(node, $"`disable`: no built-in rule `{id}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
        }

        var rules = new List<SecretRule>(BuiltInSecretRules.All.Where(r => disable.All(d => d.Text != r.Id)));
        if (disable.All(d => d.Text != BuiltInSecretRules.DotEnvId))
        {
            rules.Add(new SecretRule(BuiltInSecretRules.DotEnvId, "environment file committed", [], new Regex("(?!)")));
        }

        if (fields.Raw("rules") is { } rulesNode)
        {
            if (rulesNode is YamlSequenceNode sequence)
            {
                foreach (var item in sequence)
                {
                    if (item is not YamlMappingNode map)
                    {
                        context.Error(item, "`rules`: each rule is a mapping with id and regex");
                        continue;
                    }

                    var rule = new YamlMapReader(map, context);
                    var id = rule.Text("id", required: true);
                    var regexNode = rule.Scalar("regex", required: true);
                    var keywords = (rule.ScalarList("keywords") ?? []).Select(k => k.Text).ToList();
                    var description = rule.Text("description");
                    var warn = rule.Boolean("warn") ?? false;
                    rule.RejectUnknown("a secrets rule", ["id", "regex", "keywords", "description", "warn"]);
                    var regex = Compile(context, regexNode, "regex");
                    if (id is not null && regex is not null)
                    {
                        // No keywords: every line is a candidate (slower, but what the user asked).
                        rules.Add(new SecretRule(id, description ?? id, keywords, regex, regex.GetGroupNumbers().Length > 1 ? 1 : 0) { WarnOnly = warn, KeywordsIgnoreCase = false });
                    }
                }
            }
            else
            {
                context.Error(rulesNode, "`rules`: expected a list of rules (id, regex, keywords)");
            }
        }

        var allowPaths = new List<string>();
        var allowRegexes = new List<Regex>();
        var allowFingerprints = new List<string>();
        if (fields.Map("allow") is { } allow)
        {
            allowPaths.AddRange((allow.ScalarList("paths") ?? []).Select(p => p.Text));
            foreach (var (_, node) in allow.ScalarList("regexes") ?? [])
            {
                if (Compile(context, node, "allow.regexes") is { } regex)
                {
                    allowRegexes.Add(regex);
                }
            }

            allowFingerprints.AddRange((allow.ScalarList("fingerprints") ?? []).Select(p => p.Text));
            allow.RejectUnknown("`allow`", ["paths", "regexes", "fingerprints"]);
        }

        var baseline = fields.Text("baseline");
        if (baseline is not null)
        {
            var full = Path.IsPathRooted(baseline) ? baseline : Path.Combine(context.Directory, baseline);
            if (System.IO.File.Exists(full))
            {
                try
                {
                    SecretBaseline.Read(full);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or InvalidOperationException)
                {
                    context.Error(fields.LocationOf("baseline"), $"`baseline`: {baseline} is not a greenlight secrets baseline: {ex.Message} (write it with greenlight secrets baseline)");
                }
            }
        }

        return new SecretsCheck(new SecretsSettings
        {
            Root = root,
            Files = (fields.ScalarList("files") ?? []).Select(p => p.Text).ToList(),
            Exclude = (fields.ScalarList("exclude") ?? []).Select(p => p.Text).ToList(),
            GitTracked = fields.Boolean("git_tracked"),
            History = fields.Boolean("history") ?? false,
            Rules = rules,
            AllowPaths = allowPaths,
            AllowRegexes = allowRegexes,
            AllowFingerprints = allowFingerprints,
            Baseline = baseline,
            MaxFileSize = fields.Size("max_file_size") ?? 5 * 1024 * 1024,
        });
    }

    /// <summary>Compiles a user regex now, so a bad one is a load error with its position.</summary>
    public static Regex? Compile(SpecReadContext context, YamlScalarNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        try
        {
            return new Regex(node.Value ?? "", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            context.Error(node, $"`{field}`: invalid regular expression: {ex.Message}");
            return null;
        }
    }
}

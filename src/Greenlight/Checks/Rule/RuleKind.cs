using System.Text.RegularExpressions;
using Greenlight.Assertions;
using Greenlight.Spec;

namespace Greenlight.Checks.Rule;

/// <summary><c>kind: rule</c>: a code convention as a regex that must or must not match over file globs.</summary>
internal sealed class RuleKind : ICheckKind
{
    public string Name => "rule";

    public string Summary => "A code convention as a regular expression that files must or must not match (git-tracked files by default), each violation with file, line and column.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("files", FieldSchemas.StringList, "Globs of files the rule reads, e.g. api/**/*.py (default **/*)."),
        new("exclude", FieldSchemas.StringList, "Globs of files the rule skips, e.g. tests/**."),
        new("root", FieldSchemas.String, "The folder the globs start from, relative to the spec (default: the spec's folder)."),
        new("git_tracked", FieldSchemas.Boolean, "Read only the files git tracks (default: true inside a git work tree, else every file)."),
        new("must_match", FieldSchemas.String, "A regex every file must match (or, with at_least, the set as a whole)."),
        new("must_not_match", FieldSchemas.String, "A regex no file may match; every match is a violation."),
        new("at_least", () => FieldSchemas.Integer(1), "Judge must_match across the set: at least this many matches in all files together."),
        new("message", FieldSchemas.String, "What a violation means, shown with each one (e.g. \"use %s placeholders, not ?\")."),
        new("ignore_case", FieldSchemas.Boolean, "Match regardless of case (default false)."),
        new("regex_timeout", FieldSchemas.Duration, "How long one regex may run on one file before the check is an error (default 1s)."),
        new("max_file_size", FieldSchemas.Size, "Files larger than this are skipped (default 5MiB)."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("violations", ValueKind.Number, "How many violations were found."),
        new("files", ValueKind.Number, "How many files the rule read."),
    ]);

    /// <summary>Without an <c>expect</c>, the check's own finding (no violations, with the first ones listed) decides.</summary>
    public IReadOnlyList<string> DefaultExpect => [];

    public ICheck Create(YamlMapReader fields)
    {
        var context = fields.Context;
        var ignoreCase = fields.Boolean("ignore_case") ?? false;
        var timeout = fields.Duration("regex_timeout") ?? TimeSpan.FromSeconds(1);
        var options = RegexOptions.Multiline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        var mustMatch = Compile(context, fields.Scalar("must_match"), "must_match", options, timeout);
        var mustNotMatch = Compile(context, fields.Scalar("must_not_match"), "must_not_match", options, timeout);
        var atLeast = fields.Integer("at_least", 1);
        if (!fields.Has("must_match") && !fields.Has("must_not_match"))
        {
            context.Error(fields.Location, "a rule needs `must_match` or `must_not_match` (a regular expression)");
        }

        if (atLeast is not null && !fields.Has("must_match"))
        {
            context.Error(fields.LocationOf("at_least"), "`at_least` counts matches of `must_match`, which this rule does not have");
        }

        return new RuleCheck(new RuleSettings
        {
            Root = fields.Text("root") ?? ".",
            Files = (fields.ScalarList("files") ?? []).Select(p => p.Text).ToList(),
            Exclude = (fields.ScalarList("exclude") ?? []).Select(p => p.Text).ToList(),
            GitTracked = fields.Boolean("git_tracked"),
            MustMatch = mustMatch,
            MustNotMatch = mustNotMatch,
            AtLeast = atLeast,
            Message = fields.Text("message"),
            MaxFileSize = fields.Size("max_file_size") ?? 5 * 1024 * 1024,
        });
    }

    private static Regex? Compile(SpecReadContext context, YamlDotNet.RepresentationModel.YamlScalarNode? node, string field, RegexOptions options, TimeSpan timeout)
    {
        if (node is null)
        {
            return null;
        }

        try
        {
            return new Regex(node.Value ?? "", options, timeout);
        }
        catch (ArgumentException ex)
        {
            context.Error(node, $"`{field}`: invalid regular expression: {ex.Message}");
            return null;
        }
    }
}

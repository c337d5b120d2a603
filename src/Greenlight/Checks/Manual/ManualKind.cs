using Greenlight.Assertions;
using Greenlight.Spec;

namespace Greenlight.Checks.Manual;

/// <summary><c>kind: manual</c>: an item only a person can confirm; pending until signed with <c>greenlight signoff</c>.</summary>
internal sealed class ManualKind : ICheckKind
{
    public string Name => "manual";

    public string Summary => "An item a person must confirm (changes reviewed, rollback plan tested): pending until signed with greenlight signoff, for this commit.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("prompt", FieldSchemas.String, "The question the signer answers, e.g. \"Rollback plan tested on staging?\"", Required: true),
        new("requires", () => FieldSchemas.Integer(1), "How many different people must sign (default 1)."),
        new("not_by", () => FieldSchemas.Enum("commit_author"), "`commit_author`: the author of the commit under review may not sign."),
        new("valid_for", () => FieldSchemas.Enum("commit", "any"), "`commit` (default): a sign-off counts only for the commit it was given for; `any`: for every commit."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("signoffs", ValueKind.Number, "How many sign-offs count (for this commit, by different people)."),
        new("signers", ValueKind.String, "The names of those who signed, comma-separated."),
    ]);

    public IReadOnlyList<string> DefaultExpect => [];

    public ICheck Create(YamlMapReader fields)
    {
        var prompt = fields.Text("prompt", required: true) ?? "";
        var requires = fields.Integer("requires", 1, 20) ?? 1;
        var notBy = fields.Scalar("not_by");
        if (notBy is not null && notBy.Value != "commit_author")
        {
            fields.Context.Error(notBy, $"`not_by`: expected commit_author, got `{notBy.Value}`");
        }

        var validFor = fields.Scalar("valid_for");
        if (validFor is not null && validFor.Value is not ("commit" or "any"))
        {
            fields.Context.Error(validFor, $"`valid_for`: expected commit or any, got `{validFor.Value}`");
        }

        return new ManualCheck(new ManualSettings(prompt, requires, notBy is not null, validFor?.Value == "any"));
    }
}

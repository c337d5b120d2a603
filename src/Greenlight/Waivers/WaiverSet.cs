using System.Globalization;
using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Waivers;

/// <summary>
/// The waivers of a run (waivers.yaml beside the spec, or --waivers FILE), applied as one small step
/// after each check: a covered result keeps its outcome but carries the waiver, so the verdict skips
/// it until the waiver expires, and every report shows why.
/// </summary>
internal sealed class WaiverSet
{
    public const string DefaultFileName = "waivers.yaml";

    private static readonly string[] Fields = ["justification", "expires", "run"];

    private readonly Dictionary<string, Waiver> _waivers;

    private WaiverSet(IEnumerable<Waiver> waivers, string? path)
    {
        _waivers = waivers.ToDictionary(w => w.CheckId, StringComparer.Ordinal);
        Path = path;
    }

    public static WaiverSet None { get; } = new([], null);

    /// <summary>The file the waivers came from, if any.</summary>
    public string? Path { get; }

    public IReadOnlyCollection<Waiver> All => _waivers.Values;

    public Waiver? Find(string checkId) => _waivers.GetValueOrDefault(checkId);

    /// <summary>
    /// Loads <paramref name="path"/>, or <c>waivers.yaml</c> beside the spec when it exists; every
    /// problem is a <see cref="SpecException"/> with file, line and column, before anything runs.
    /// </summary>
    public static WaiverSet Load(string? path, SpecDocument spec)
    {
        var file = path ?? System.IO.Path.Combine(spec.Directory, DefaultFileName);
        if (path is null && !System.IO.File.Exists(file))
        {
            return None;
        }

        var display = path ?? System.IO.Path.GetRelativePath(Environment.CurrentDirectory, file);
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SpecException([new SpecError(new SourceLocation(display, 1, 1), $"cannot read the waivers: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message)}")]);
        }

        return Parse(text, display, spec);
    }

    public static WaiverSet Parse(string text, string display, SpecDocument spec)
    {
        var context = new SpecReadContext(display, spec.Variables, spec.Directory);
        var waivers = new List<Waiver>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (root is YamlMappingNode mapping)
            {
                var ids = spec.Checks.Select(c => c.Id).ToList();
                foreach (var (key, value) in mapping.Children)
                {
                    var id = (key as YamlScalarNode)?.Value ?? "";
                    if (!ids.Contains(id))
                    {
                        var hint = DidYouMean.Suggest(id, ids);
                        context.Error(key, $"waiver for `{id}`, which is not a check of spec `{spec.Name}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
                        continue;
                    }

                    if (value is not YamlMappingNode fields)
                    {
                        context.Error(value, $"`{id}`: expected a mapping with justification, expires and run");
                        continue;
                    }

                    var reader = new YamlMapReader(fields, context);
                    var justification = reader.Text("justification", required: true);
                    var expiresNode = reader.Scalar("expires", required: true);
                    var run = reader.Boolean("run") ?? true;
                    reader.RejectUnknown($"waiver `{id}`", Fields);
                    DateOnly expires = default;
                    if (expiresNode is not null && !DateOnly.TryParseExact(expiresNode.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expires))
                    {
                        context.Error(expiresNode, $"`expires`: expected a date such as 2026-12-31, got `{expiresNode.Value}`");
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(justification) && justification is not null)
                    {
                        context.Error(fields, $"`{id}`: `justification` must say why the failure is accepted");
                    }

                    if (justification is not null && expiresNode is not null)
                    {
                        waivers.Add(new Waiver(id, justification.Trim(), expires, run, context.At(key)));
                    }
                }
            }
            else if (root is not null && root is not YamlScalarNode { Value: null or "" })
            {
                context.Error(root, "expected a mapping of check ids to waivers (justification, expires, run)");
            }
        }
        catch (YamlException ex)
        {
            context.Error(context.At(ex.Start), "invalid YAML: " + ex.Message);
        }

        if (context.Errors.Count > 0)
        {
            throw new SpecException([.. context.Errors]);
        }

        return new WaiverSet(waivers, display);
    }

    /// <summary>A result for a check whose unexpired waiver says <c>run: false</c>; null when it must run.</summary>
    public CheckResult? NotRun(CheckDefinition check, DateTimeOffset now)
    {
        var waiver = Find(check.Id);
        if (waiver is null || waiver.Run || waiver.IsExpired(now))
        {
            return null;
        }

        return CheckResult.For(check, CheckOutcome.Skipped) with
        {
            StartedAt = now,
            Message = "not run: waived",
        };
    }

    /// <summary>Attaches the check's waiver, if any: kept as evidence; an expired one is a warning and no longer covers.</summary>
    public CheckResult Apply(CheckResult result, DateTimeOffset now)
    {
        var waiver = Find(result.Id);
        if (waiver is null)
        {
            return result;
        }

        var applied = new AppliedWaiver(waiver.Justification, waiver.Expires, waiver.Run, waiver.IsExpired(now), $"{waiver.Location.File}:{waiver.Location.Line}");
        return result with
        {
            Waiver = applied,
            Evidence = [.. result.Evidence, applied.ToEvidence()],
            Warnings = applied.Expired ? [.. result.Warnings, $"{applied.Describe()} (the failure counts again: renew or remove the waiver)"] : result.Warnings,
        };
    }

    /// <summary>One note per waived result, for the verdict's notes.</summary>
    public static IEnumerable<string> Notes(IEnumerable<CheckResult> results) =>
        results.Where(r => r.IsWaived).Select(r => $"{r.Id} ({r.Severity.Code()}) {VerdictRules.Describe(r.Outcome)}, {r.Waiver!.Describe()}");
}

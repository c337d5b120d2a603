using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Text;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>Reads <c>checks:</c>, one check at a time: the common fields, the kind's own, assertions and captures.</summary>
internal static class CheckReader
{
    public static readonly string[] CommonFields =
        ["id", "title", "kind", "phase", "severity", "area", "needs", "timeout", "retry", "expect", "capture", "fix", "source"];

    public static List<CheckDefinition> ReadAll(YamlMapReader root, CheckKindRegistry registry)
    {
        var context = root.Context;
        var checks = new List<CheckDefinition>();
        var node = root.Raw("checks");
        if (node is null)
        {
            context.Error(root.Location, "missing required field `checks`: a list of checks");
            return checks;
        }

        if (node is not YamlSequenceNode sequence)
        {
            context.Error(node, $"`checks`: expected a list of checks, got a {YamlMapReader.Describe(node)}");
            return checks;
        }

        if (sequence.Children.Count == 0)
        {
            context.Error(node, "`checks` is empty: a spec needs at least one check");
        }

        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode mapping)
            {
                context.Error(item, $"a check must be a mapping with `id` and `kind`, got a {YamlMapReader.Describe(item)}");
                continue;
            }

            var check = Read(mapping, context, registry);
            if (check is null)
            {
                continue;
            }

            if (seen.TryGetValue(check.Id, out var first))
            {
                context.Error(check.Location, $"duplicate check id `{check.Id}` (first defined at line {first.Line})");
                continue;
            }

            seen[check.Id] = check.Location;
            checks.Add(check);
        }

        return checks;
    }

    private static CheckDefinition? Read(YamlMappingNode mapping, SpecReadContext context, CheckKindRegistry registry)
    {
        var idNode = mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: "id" }).Value as YamlScalarNode;
        var id = idNode?.Value;
        var reader = new YamlMapReader(mapping, context, id);
        reader.Raw("id");
        if (id is null)
        {
            context.Error(mapping, "missing required field `id` (a unique name such as api.health)");
        }
        else if (!SpecNames.CheckId().IsMatch(id))
        {
            context.Error(idNode!, $"`id`: `{id}` may use letters, digits, '.', '_' and '-', starting with a letter");
        }

        var kindNode = reader.Scalar("kind", required: true);
        ICheckKind? kind = null;
        if (kindNode is not null)
        {
            kind = registry.Find(kindNode.Value ?? "");
            if (kind is null)
            {
                var hint = DidYouMean.Suggest(kindNode.Value ?? "", registry.Names);
                context.Error(kindNode, $"unknown kind `{kindNode.Value}`{(hint is null ? "" : $"; did you mean `{hint}`?")} (expected one of {string.Join(", ", registry.Names)})");
            }
        }

        var title = reader.Text("title");
        var phase = reader.Enum<Phase>("phase") ?? Phase.Pre;
        var severity = reader.Enum<Severity>("severity") ?? Severity.High;
        var area = reader.Text("area");
        var needs = (reader.ScalarList("needs") ?? []).Select(n => (n.Text, n.Node)).ToList();
        var timeout = reader.Duration("timeout") ?? TimeSpan.FromSeconds(30);
        if (timeout <= TimeSpan.Zero)
        {
            context.Error(reader.LocationOf("timeout"), "`timeout` must be more than 0");
        }

        var retry = ReadRetry(reader.Map("retry"));
        var fix = reader.Text("fix");
        var source = reader.Text("source");
        var expectNodes = ReadExpectEntries(reader);
        var captureNodes = reader.ScalarMap("capture");

        if (kind is null || id is null)
        {
            return null;
        }

        ICheck probe;
        try
        {
            probe = kind.Create(reader);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A kind's reader that trips over a shape it did not expect must still give an answer with a position, not a crash.
            context.Error(mapping, $"cannot read this {kind.Name} check: {ex.Message}");
            return null;
        }

        reader.RejectUnknown($"a {kind.Name} check", CommonFields.Concat(kind.Fields.Select(f => f.Name)));

        var expect = new List<Assertion>();
        if (expectNodes is not null && kind.Subjects.Subjects.Count == 0)
        {
            context.Error(reader.LocationOf("expect"), $"{kind.Name} checks take no `expect`: their fields say what must hold");
        }
        else
        {
            foreach (var (text, node, assertionFix) in expectNodes ?? [])
            {
                if (ParseAssertion(text, node, kind, context, id) is { } assertion)
                {
                    expect.Add(assertionFix is null ? assertion : assertion with { Fix = assertionFix });
                }
            }

            if (expectNodes is null)
            {
                expect.AddRange(kind.DefaultExpect.Select(AssertionParser.Parse));
            }
        }

        return new CheckDefinition
        {
            Id = id,
            Title = title,
            Kind = kind,
            Probe = probe,
            Phase = phase,
            Severity = severity,
            Area = area,
            Needs = [.. needs.Select(n => n.Text)],
            Timeout = timeout,
            Retry = retry,
            Expect = expect,
            Captures = ReadCaptures(kind, captureNodes, context),
            Fix = fix,
            Source = source,
            Unavailable = context.UnavailableChecks.GetValueOrDefault(id),
            Location = context.At(mapping),
            NeedLocations = [.. needs.Select(n => context.At(n.Node))],
        };
    }

    /// <summary>
    /// <c>expect</c>: one assertion or a list; an item may be <c>{ that: ASSERTION, fix: TEXT }</c> so
    /// the fix printed is the one for the assertion that failed.
    /// </summary>
    private static List<(string Text, YamlScalarNode Node, string? Fix)>? ReadExpectEntries(YamlMapReader reader)
    {
        var context = reader.Context;
        var node = reader.Raw("expect");
        if (node is null)
        {
            return null;
        }

        IList<YamlNode>? items = node switch
        {
            YamlScalarNode scalar => [scalar],
            YamlSequenceNode sequence => sequence.Children,
            _ => null,
        };
        if (items is null)
        {
            context.Error(node, $"`expect`: expected an assertion or a list of assertions, got a {YamlMapReader.Describe(node)}");
            return null;
        }

        var entries = new List<(string, YamlScalarNode, string?)>();
        foreach (var item in items)
        {
            switch (item)
            {
                case YamlScalarNode scalar:
                    entries.Add((scalar.Value ?? "", scalar, null));
                    break;
                case YamlMappingNode mapping:
                    {
                        var entry = new YamlMapReader(mapping, context, reader.CheckId);
                        var that = entry.Scalar("that", required: true);
                        var fix = entry.Text("fix");
                        entry.RejectUnknown("an `expect` item");
                        if (that is not null)
                        {
                            entries.Add((that.Value ?? "", that, fix));
                        }

                        break;
                    }

                default:
                    context.Error(item, $"`expect`: each item is an assertion or {{ that: ASSERTION, fix: TEXT }}; this one is a {YamlMapReader.Describe(item)}");
                    break;
            }
        }

        return entries;
    }

    private static List<CaptureDefinition> ReadCaptures(ICheckKind kind, IReadOnlyList<(string Name, string Text, YamlNode Node)>? captureNodes, SpecReadContext context)
    {
        var captures = new List<CaptureDefinition>();
        if (kind is IProvidesCaptures provider)
        {
            captures.AddRange(provider.ImplicitCaptures.Select(c => new CaptureDefinition(c, AssertionParser.ParseSubjectOnly(c))));
        }

        foreach (var (captureName, text, node) in captureNodes ?? [])
        {
            if (!SpecNames.Variable().IsMatch(captureName))
            {
                context.Error(node, $"`capture`: `{captureName}` is not a valid name");
                continue;
            }

            try
            {
                var subject = AssertionParser.ParseSubjectOnly(text);
                kind.Subjects.Resolve(subject, out _);
                captures.Add(new CaptureDefinition(captureName, subject));
            }
            catch (AssertionSyntaxException ex)
            {
                context.Error(context.At(node, ex.Column), $"`capture.{captureName}`: {ex.Message}");
            }
        }

        return captures;
    }

    private static Assertion? ParseAssertion(string text, YamlScalarNode node, ICheckKind kind, SpecReadContext context, string checkId)
    {
        try
        {
            var assertion = AssertionParser.Parse(text);
            AssertionValidator.Validate(assertion, kind.Subjects);
            foreach (var literal in Templates(assertion.Expected))
            {
                context.ValidateTemplate(literal.Text, node, checkId);
            }

            return assertion;
        }
        catch (AssertionSyntaxException ex)
        {
            var leading = text.Length - text.TrimStart().Length;
            context.Error(context.At(node, ex.Column + (ex.Column == 0 ? leading : 0)), $"in `{text.Trim()}`: {ex.Message}");
            return null;
        }
    }

    private static IEnumerable<Literal> Templates(Literal? literal)
    {
        if (literal is null)
        {
            yield break;
        }

        if (literal.Kind == LiteralKind.Template)
        {
            yield return literal;
        }

        foreach (var item in literal.Items.SelectMany(Templates))
        {
            yield return item;
        }
    }

    private static RetrySettings ReadRetry(YamlMapReader? reader)
    {
        if (reader is null)
        {
            return RetrySettings.None;
        }

        var attempts = reader.Integer("attempts", 1, 1000) ?? 3;
        var delay = reader.Duration("delay") ?? TimeSpan.FromSeconds(1);
        var backoff = reader.Enum<BackoffKind>("backoff") ?? BackoffKind.Constant;
        var maxDelay = reader.Duration("max_delay");
        var on = RetryOn.None;
        foreach (var (text, node) in reader.ScalarList("on") ?? [("error", null!)])
        {
            if (text is "error" or "fail")
            {
                on |= text == "error" ? RetryOn.Error : RetryOn.Fail;
            }
            else
            {
                reader.Context.Error(node, $"`on`: expected error or fail (a list: [error, fail]), got `{text}`");
            }
        }

        reader.RejectUnknown("`retry`");
        return new RetrySettings(attempts, delay, backoff, maxDelay) { On = on };
    }
}

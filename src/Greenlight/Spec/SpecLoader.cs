using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>
/// Reads a spec file into a <see cref="SpecDocument"/>, or throws a <see cref="SpecException"/>
/// listing every problem with file, line and column. Nothing runs before this has succeeded.
/// </summary>
internal static partial class SpecLoader
{
    private static readonly string[] CommonFields =
        ["id", "title", "kind", "phase", "severity", "area", "needs", "timeout", "retry", "expect", "capture", "fix", "source"];

    public static IReadOnlyList<string> CommonFieldNames => CommonFields;

    public static SpecDocument LoadFile(string path, SpecLoadOptions options)
    {
        var display = path;
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file (write one, or pass -f FILE)" : ex.Message;
            throw new SpecException([new SpecError(new SourceLocation(display, 1, 1), $"cannot read the spec: {reason}")]);
        }

        return Load(text, display, Path.GetDirectoryName(Path.GetFullPath(path))!, options);
    }

    public static SpecDocument Load(string text, string displayPath, string directory, SpecLoadOptions options)
    {
        var context = CreateContext(displayPath, directory, options);
        YamlMappingNode? root = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                context.Error(new SourceLocation(displayPath, 1, 1), "the spec is empty: expected `version`, `name` and `checks`");
            }
            else if (stream.Documents.Count > 1)
            {
                context.Error(stream.Documents[1].RootNode, "expected one YAML document; found a second one after `---`");
            }
            else if (stream.Documents[0].RootNode is YamlMappingNode mapping)
            {
                root = mapping;
            }
            else
            {
                context.Error(stream.Documents[0].RootNode, $"expected a mapping with `version`, `name` and `checks`, got a {YamlMapReader.Describe(stream.Documents[0].RootNode)}");
            }
        }
        catch (YamlException ex)
        {
            context.Error(context.At(ex.Start), "invalid YAML: " + CleanYamlMessage(ex));
        }

        SpecDocument? document = null;
        if (root is not null)
        {
            document = ReadRoot(new YamlMapReader(root, context), options.Registry, directory, displayPath, text);
        }

        if (context.Errors.Count > 0 || document is null)
        {
            throw new SpecException([.. context.Errors.Distinct().OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column)]);
        }

        return document;
    }

    /// <summary>
    /// Reads only a spec's <c>vars</c> and <c>targets</c>, for commands that name a target
    /// (schema snapshot) before the rest of the spec can be valid.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LoadTargets(string path, SpecLoadOptions options)
    {
        var context = CreateContext(path, Path.GetDirectoryName(Path.GetFullPath(path))!, options);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(System.IO.File.ReadAllText(path)));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping)
            {
                ReadVariablesAndTargets(new YamlMapReader(mapping, context));
            }
        }
        catch (YamlException ex)
        {
            context.Error(context.At(ex.Start), "invalid YAML: " + CleanYamlMessage(ex));
        }

        if (context.Errors.Count > 0)
        {
            throw new SpecException(context.Errors);
        }

        return context.Targets;
    }

    private static SpecDocument? ReadRoot(YamlMapReader root, CheckKindRegistry registry, string directory, string displayPath, string text)
    {
        var context = root.Context;
        var versionNode = root.Scalar("version", required: true);
        if (versionNode is not null && versionNode.Value != "1")
        {
            context.Error(versionNode, $"`version`: expected 1, got `{versionNode.Value}`");
        }

        var name = root.Text("name", required: true) ?? "";

        ReadVariablesAndTargets(root);
        var checks = ReadChecks(root, registry);
        var watch = ReadWatch(root.Map("watch"));
        var rollback = ReadRollback(root);
        root.RejectUnknown("the spec");
        ValidateGraph(checks, context);

        return new SpecDocument
        {
            Name = name,
            Path = displayPath,
            Directory = directory,
            Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Variables = context.Scope,
            Targets = context.Targets,
            Checks = checks,
            Watch = watch,
            Rollback = rollback,
            Warnings = context.Warnings,
        };
    }

    /// <summary>Where variables come from (the .env beside the spec, the environment, --var) and where problems go.</summary>
    private static SpecReadContext CreateContext(string displayPath, string directory, SpecLoadOptions options)
    {
        var errors = new List<SpecError>();
        var dotEnv = ReadDotEnv(options.EnvFile ?? Path.Combine(directory, ".env"), explicitFile: options.EnvFile is not null, errors);
        var scope = new VariableScope(options.CliVariables, options.Environment ?? SpecLoadOptions.ProcessEnvironment(), dotEnv);
        var context = new SpecReadContext(displayPath, scope, directory);
        context.Errors.AddRange(errors);
        return context;
    }

    /// <summary>secrets, vars (expanded in order) and targets: everything checks' fields may refer to.</summary>
    private static void ReadVariablesAndTargets(YamlMapReader root)
    {
        var context = root.Context;
        foreach (var (secret, node) in root.ScalarList("secrets") ?? [])
        {
            if (!VariableName().IsMatch(secret))
            {
                context.Error(node, $"`secrets`: `{secret}` is not a variable name");
            }

            context.Scope.DeclareSecret(secret);
        }

        foreach (var (varName, value, node) in root.ScalarMap("vars") ?? [])
        {
            if (!VariableName().IsMatch(varName))
            {
                context.Error(node, $"`vars`: `{varName}` is not a valid name (letters, digits and _; not starting with a digit)");
                continue;
            }

            // Vars are expanded in order, so a var may use the ones above it and the environment.
            context.Scope.SetSpecVar(varName, context.ExpandNow(value, node));
        }

        foreach (var (targetName, value, node) in root.ScalarMap("targets") ?? [])
        {
            context.Targets[targetName] = context.ExpandNow(value, node);
        }
    }

    private static List<CheckDefinition> ReadChecks(YamlMapReader root, CheckKindRegistry registry)
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

            var check = ReadCheck(mapping, context, registry);
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

    private static CheckDefinition? ReadCheck(YamlMappingNode mapping, SpecReadContext context, CheckKindRegistry registry)
    {
        var idNode = mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: "id" }).Value as YamlScalarNode;
        var id = idNode?.Value;
        var reader = new YamlMapReader(mapping, context, id);
        reader.Raw("id");
        if (id is null)
        {
            context.Error(mapping, "missing required field `id` (a unique name such as api.health)");
        }
        else if (!CheckIdPattern().IsMatch(id))
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
        var expectNodes = reader.ScalarList("expect");
        var captureNodes = reader.ScalarMap("capture");

        if (kind is null || id is null)
        {
            return null;
        }

        var probe = kind.Create(reader);
        reader.RejectUnknown($"a {kind.Name} check", CommonFields.Concat(kind.Fields.Select(f => f.Name)));

        var expect = new List<Assertion>();
        if (expectNodes is not null && kind.Subjects.Subjects.Count == 0)
        {
            context.Error(reader.LocationOf("expect"), $"{kind.Name} checks take no `expect`: their fields say what must hold");
        }
        else
        {
            foreach (var (text, node) in expectNodes ?? [])
            {
                var assertion = ParseAssertion(text, node, kind, context, id);
                if (assertion is not null)
                {
                    expect.Add(assertion);
                }
            }

            if (expectNodes is null)
            {
                expect.AddRange(kind.DefaultExpect.Select(AssertionParser.Parse));
            }
        }

        var captures = new List<CaptureDefinition>();
        if (kind is IProvidesCaptures provider)
        {
            captures.AddRange(provider.ImplicitCaptures.Select(c => new CaptureDefinition(c, AssertionParser.ParseSubjectOnly(c))));
        }

        foreach (var (captureName, text, node) in captureNodes ?? [])
        {
            if (!VariableName().IsMatch(captureName))
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
            Captures = captures,
            Fix = fix,
            Source = source,
            Location = context.At(mapping),
            NeedLocations = [.. needs.Select(n => context.At(n.Node))],
        };
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
        reader.RejectUnknown("`retry`");
        return new RetrySettings(attempts, delay, backoff, maxDelay);
    }

    private static WatchSettings? ReadWatch(YamlMapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var every = reader.Duration("every") ?? TimeSpan.FromMinutes(5);
        var duration = reader.Duration("for") ?? TimeSpan.FromHours(1);
        var failureLimit = reader.Integer("failure_limit", 1) ?? 1;
        reader.RejectUnknown("`watch`");
        return new WatchSettings(every, duration, failureLimit);
    }

    private static List<RollbackStep> ReadRollback(YamlMapReader root)
    {
        var steps = new List<RollbackStep>();
        var node = root.Raw("rollback");
        if (node is null)
        {
            return steps;
        }

        if (node is not YamlSequenceNode sequence)
        {
            root.Context.Error(node, "`rollback`: expected a list of steps such as `- run: git revert --no-edit HEAD`");
            return steps;
        }

        foreach (var item in sequence)
        {
            if (item is YamlMappingNode mapping)
            {
                var step = new YamlMapReader(mapping, root.Context);
                var run = step.Template("run", required: true);
                step.RejectUnknown("a rollback step");
                if (run is not null)
                {
                    steps.Add(new RollbackStep(run, root.Context.At(mapping)));
                }
            }
            else
            {
                root.Context.Error(item, "a rollback step is a mapping: `- run: COMMAND`");
            }
        }

        return steps;
    }

    private static void ValidateGraph(List<CheckDefinition> checks, SpecReadContext context)
    {
        var byId = checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var check in checks)
        {
            for (var i = 0; i < check.Needs.Count; i++)
            {
                var need = check.Needs[i];
                if (need == check.Id)
                {
                    context.Error(check.NeedLocation(i), $"check `{check.Id}` needs itself");
                }
                else if (!byId.ContainsKey(need))
                {
                    var hint = DidYouMean.Suggest(need, byId.Keys);
                    context.Error(check.NeedLocation(i), $"`needs`: no check has id `{need}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
                }
            }
        }

        // Depth-first search for cycles; each cycle is reported once, at the check where it closes.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            Visit(check);
        }

        void Visit(CheckDefinition check)
        {
            if (state.GetValueOrDefault(check.Id) == 2)
            {
                return;
            }

            if (state.GetValueOrDefault(check.Id) == 1)
            {
                var cycle = path.Skip(path.IndexOf(check.Id)).Append(check.Id).ToList();
                var key = string.Join(",", cycle.Skip(1).Order(StringComparer.Ordinal));
                if (reported.Add(key))
                {
                    context.Error(check.Location, $"`needs` form a cycle: {string.Join(" → ", cycle)}");
                }

                return;
            }

            state[check.Id] = 1;
            path.Add(check.Id);
            foreach (var need in check.Needs)
            {
                if (need != check.Id && byId.TryGetValue(need, out var next))
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[check.Id] = 2;
        }

        foreach (var written in context.CaptureReferences)
        {
            var reference = byId.ContainsKey(written.CheckId) ? written : written with { CheckId = CaptureNames.Canonical(written.CheckId + ".x")[..^2] };
            if (!byId.TryGetValue(reference.CheckId, out var source))
            {
                var hint = DidYouMean.Suggest(reference.CheckId, byId.Keys);
                context.Error(reference.Location, $"`${{{reference.CheckId}.{reference.Name}}}`: no check has id `{reference.CheckId}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
                continue;
            }

            if (source.Captures.All(c => c.Name != reference.Name))
            {
                context.Error(reference.Location, $"`${{{reference.CheckId}.{reference.Name}}}`: check `{reference.CheckId}` captures no `{reference.Name}`" +
                    (source.Captures.Count == 0 ? "; add it under its `capture`" : $" (it captures {string.Join(", ", source.Captures.Select(c => c.Name))})"));
                continue;
            }

            if (!NeedsTransitively(reference.FromCheck, reference.CheckId, byId))
            {
                context.Error(reference.Location, $"`${{{reference.CheckId}.{reference.Name}}}`: check `{reference.FromCheck}` must list `{reference.CheckId}` under `needs` to use its captured values");
            }
        }
    }

    private static bool NeedsTransitively(string from, string target, Dictionary<string, CheckDefinition> byId)
    {
        var stack = new Stack<string>([from]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id) || !byId.TryGetValue(id, out var check))
            {
                continue;
            }

            foreach (var need in check.Needs)
            {
                if (need == target)
                {
                    return true;
                }

                stack.Push(need);
            }
        }

        return false;
    }

    private static Dictionary<string, string> ReadDotEnv(string path, bool explicitFile, List<SpecError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!System.IO.File.Exists(path))
        {
            if (explicitFile)
            {
                errors.Add(new SpecError(new SourceLocation(path, 1, 1), "cannot read the env file: no such file"));
            }

            return result;
        }

        try
        {
            var options = new DotNetEnv.LoadOptions(setEnvVars: false, clobberExistingVars: true, onlyExactPath: true);
            foreach (var (key, value) in DotNetEnv.Env.Load(path, options))
            {
                result[key] = value;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // DotNetEnv reports "line N, column M" in its own words; keep them, but never the values.
            errors.Add(new SpecError(new SourceLocation(Path.GetFileName(path), LineOf(ex.Message), 1), $"cannot parse the env file: {FirstLine(ex.Message)}"));
        }

        return result;
    }

    private static int LineOf(string message)
    {
        var match = Regex.Match(message, @"[Ll]ine (\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string CleanYamlMessage(YamlException ex)
    {
        // YamlDotNet prefixes its own "(Line: x, Col: y, …)": the location is ours to print.
        var message = ex.InnerException?.Message ?? ex.Message;
        return Regex.Replace(message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", "");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.\\-]*$")]
    private static partial Regex CheckIdPattern();
}

using Greenlight.Alerts;
using Greenlight.Assertions;
using Greenlight.Text;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>
/// Reads what comes after the checks: <c>watch:</c> (windows and per-check rules), <c>rollback:</c>
/// (the way back) and <c>alerts:</c> (who is told). Called once from the loader, after the checks,
/// so rules can name checks and their assertions can be validated against the check's kind.
/// </summary>
internal static class ReleaseSectionsReader
{
    private static readonly string[] RuleFields =
        ["failure_limit", "consecutive_failure_limit", "consecutive_success_limit", "inconclusive_limit", "consecutive_error_limit", "min_samples", "on_no_data", "dry_run", "fail_when"];

    private static readonly string[] EventNames = [.. Enum.GetValues<AlertEventKind>().Select(Snake)];

    public static IReadOnlyList<string> RuleFieldNames => RuleFields;

    public static (WatchSettings? Watch, List<RollbackStep> Rollback, List<AlertChannel> Alerts) Read(YamlMapReader root, IReadOnlyList<CheckDefinition> checks)
    {
        var watch = ReadWatch(root.Map("watch"), checks);
        var rollback = ReadRollback(root);
        var alerts = ReadAlerts(root);
        return (watch, rollback, alerts);
    }

    public static string Snake(AlertEventKind kind) => kind switch
    {
        AlertEventKind.CheckFailing => "check_failing",
        AlertEventKind.CheckRecovered => "check_recovered",
        AlertEventKind.LimitReached => "limit_reached",
        AlertEventKind.WindowEnded => "window_ended",
        AlertEventKind.RollbackStarted => "rollback_started",
        AlertEventKind.RollbackSucceeded => "rollback_succeeded",
        _ => "rollback_failed",
    };

    private static WatchSettings? ReadWatch(YamlMapReader? reader, IReadOnlyList<CheckDefinition> checks)
    {
        if (reader is null)
        {
            return null;
        }

        var context = reader.Context;
        var every = Positive(reader, "every") ?? TimeSpan.FromMinutes(5);
        var duration = Positive(reader, "for") ?? TimeSpan.FromHours(1);
        var delay = reader.Duration("initial_delay") ?? TimeSpan.Zero;
        var defaults = ReadRules(reader, new WatchRules(), null);

        var byId = checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var perCheck = new Dictionary<string, WatchRules>(StringComparer.Ordinal);
        if (reader.Raw("checks") is { } checksNode)
        {
            if (checksNode is YamlMappingNode mapping)
            {
                foreach (var (key, value) in mapping.Children)
                {
                    var id = (key as YamlScalarNode)?.Value ?? "";
                    if (!byId.TryGetValue(id, out var check))
                    {
                        var hint = DidYouMean.Suggest(id, byId.Keys);
                        context.Error(key, $"`watch.checks`: no check has id `{id}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
                        continue;
                    }

                    if (value is not YamlMappingNode rules)
                    {
                        context.Error(value, $"`watch.checks.{id}`: expected a mapping of rules ({string.Join(", ", RuleFields)})");
                        continue;
                    }

                    var ruleReader = new YamlMapReader(rules, context, id);
                    perCheck[id] = ReadRules(ruleReader, defaults, check);
                    ruleReader.RejectUnknown($"`watch.checks.{id}`", RuleFields);
                }
            }
            else
            {
                context.Error(checksNode, "`watch.checks`: expected a mapping of check ids to their rules");
            }
        }

        var windows = new List<WatchWindow>();
        if (reader.Raw("windows") is { } windowsNode)
        {
            if (windowsNode is YamlSequenceNode sequence)
            {
                foreach (var item in sequence)
                {
                    if (item is not YamlMappingNode windowMap)
                    {
                        context.Error(item, "`watch.windows`: each window is a mapping with `name`, `every`, `for` and optionally `initial_delay` and `only`");
                        continue;
                    }

                    var w = new YamlMapReader(windowMap, context);
                    var name = w.Text("name", required: true) ?? "";
                    var only = (w.ScalarList("only") ?? []).Select(o => (o.Text, o.Node)).ToList();
                    foreach (var (id, node) in only.Where(o => !byId.ContainsKey(o.Text)))
                    {
                        context.Error(node, $"`watch.windows.{name}.only`: no check has id `{id}`");
                    }

                    if (name == WatchSettings.MainWindow || windows.Any(x => x.Name == name))
                    {
                        context.Error(windowMap, $"`watch.windows`: the name `{name}` is taken (`{WatchSettings.MainWindow}` is the window written at the top of `watch:`)");
                    }

                    windows.Add(new WatchWindow(name, Positive(w, "every") ?? every, Positive(w, "for") ?? duration, w.Duration("initial_delay") ?? TimeSpan.Zero, [.. only.Select(o => o.Text)]));
                    w.RejectUnknown("a watch window", ["name", "every", "for", "initial_delay", "only"]);
                }
            }
            else
            {
                context.Error(windowsNode, "`watch.windows`: expected a list of windows");
            }
        }

        reader.RejectUnknown("`watch`", ["every", "for", "initial_delay", "checks", "windows", .. RuleFields]);
        if (reader.Has("fail_when"))
        {
            context.Error(reader.LocationOf("fail_when"), "`watch.fail_when` names subjects of one check: write it under `watch.checks.ID`");
        }

        return new WatchSettings { Every = every, For = duration, InitialDelay = delay, Defaults = defaults, Checks = perCheck, Windows = windows };
    }

    private static TimeSpan? Positive(YamlMapReader reader, string key)
    {
        var value = reader.Duration(key);
        if (value is { } v && v <= TimeSpan.Zero)
        {
            reader.Context.Error(reader.LocationOf(key), $"`{key}` must be more than 0");
            return null;
        }

        return value;
    }

    private static WatchRules ReadRules(YamlMapReader reader, WatchRules fallback, CheckDefinition? check)
    {
        var failWhen = new List<Assertion>();
        foreach (var (text, node) in reader.ScalarList("fail_when") ?? [])
        {
            if (check is null)
            {
                continue;
            }

            try
            {
                var assertion = AssertionParser.Parse(text);
                AssertionValidator.Validate(assertion, check.Kind.Subjects);
                failWhen.Add(assertion);
            }
            catch (AssertionSyntaxException ex)
            {
                reader.Context.Error(reader.Context.At(node, ex.Column), $"`fail_when` in `{text.Trim()}`: {ex.Message}");
            }
        }

        var noData = reader.Enum<NoDataPolicy>("on_no_data");
        return new WatchRules
        {
            FailureLimit = reader.Integer("failure_limit", 0) ?? fallback.FailureLimit,
            ConsecutiveFailureLimit = reader.Integer("consecutive_failure_limit", 1) ?? fallback.ConsecutiveFailureLimit,
            ConsecutiveSuccessLimit = reader.Integer("consecutive_success_limit", 1) ?? fallback.ConsecutiveSuccessLimit,
            InconclusiveLimit = reader.Integer("inconclusive_limit", 0) ?? fallback.InconclusiveLimit,
            ConsecutiveErrorLimit = reader.Integer("consecutive_error_limit", 1) ?? fallback.ConsecutiveErrorLimit,
            MinSamples = reader.Integer("min_samples", 0) ?? fallback.MinSamples,
            OnNoData = noData ?? fallback.OnNoData,
            DryRun = reader.Boolean("dry_run") ?? fallback.DryRun,
            FailWhen = failWhen.Count > 0 ? failWhen : check is null ? [] : fallback.FailWhen,
        };
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
            if (item is not YamlMappingNode mapping)
            {
                root.Context.Error(item, "a rollback step is a mapping: `- run: COMMAND`");
                continue;
            }

            var step = new YamlMapReader(mapping, root.Context);
            var name = step.Text("name");
            var run = step.Template("run", required: true);
            var env = (step.ScalarMap("env") ?? []).Select(e => (e.Name, root.Context.ValidateTemplate(e.Text, e.Node, null))).ToList();
            var cwd = step.Template("cwd");
            var timeout = Positive(step, "timeout") ?? TimeSpan.FromMinutes(10);
            step.RejectUnknown("a rollback step", ["name", "run", "env", "cwd", "timeout"]);
            if (run is not null)
            {
                steps.Add(new RollbackStep(run, root.Context.At(mapping)) { Name = name, Env = env, Cwd = cwd, Timeout = timeout });
            }
        }

        return steps;
    }

    private static List<AlertChannel> ReadAlerts(YamlMapReader root)
    {
        var channels = new List<AlertChannel>();
        var node = root.Raw("alerts");
        if (node is null)
        {
            return channels;
        }

        if (node is not YamlSequenceNode sequence)
        {
            root.Context.Error(node, "`alerts`: expected a list of channels such as `- slack: ${SLACK_WEBHOOK_URL}`");
            return channels;
        }

        string[] types = ["webhook", "slack", "teams", "command"];
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode mapping)
            {
                root.Context.Error(item, "an alert channel is a mapping: `- webhook: URL`, `- slack: URL`, `- teams: URL` or `- command: SHELL LINE`");
                continue;
            }

            var reader = new YamlMapReader(mapping, root.Context);
            var given = types.Where(reader.Has).ToList();
            if (given.Count != 1)
            {
                root.Context.Error(mapping, $"an alert channel needs exactly one of {string.Join(", ", types.Select(t => $"`{t}`"))}{(given.Count > 1 ? $"; got {string.Join(" and ", given)}" : "")}");
                reader.RejectUnknown("an alert channel", [.. types, "timeout", "retries", "backoff", "severity", "events", "template"]);
                continue;
            }

            var type = Enum.Parse<AlertChannelType>(given[0], ignoreCase: true);
            var target = root.Context.ValidateTemplate(reader.Scalar(given[0])?.Value ?? "", reader.Raw(given[0])!, null);
            var timeout = Positive(reader, "timeout") ?? TimeSpan.FromSeconds(5);
            var retries = reader.Integer("retries", 0, 10) ?? 2;
            var backoff = reader.Duration("backoff") ?? TimeSpan.FromSeconds(1);
            var severities = new List<Severity>();
            foreach (var (text, n) in reader.ScalarList("severity") ?? [])
            {
                if (Enum.TryParse<Severity>(text, ignoreCase: true, out var s) && text == text.ToLowerInvariant())
                {
                    severities.Add(s);
                }
                else
                {
                    root.Context.Error(n, $"`severity`: expected critical, high, medium or low, got `{text}`");
                }
            }

            var events = new List<AlertEventKind>();
            foreach (var (text, n) in reader.ScalarList("events") ?? [])
            {
                var index = Array.IndexOf(EventNames, text);
                if (index >= 0)
                {
                    events.Add(Enum.GetValues<AlertEventKind>()[index]);
                }
                else
                {
                    var hint = DidYouMean.Suggest(text, EventNames);
                    root.Context.Error(n, $"`events`: unknown event `{text}`{(hint is null ? "" : $"; did you mean `{hint}`?")} (expected one of {string.Join(", ", EventNames)})");
                }
            }

            var templateNode = reader.Scalar("template");
            var template = templateNode?.Value;
            foreach (var (name, offset) in template is null ? [] : Interpolator.References(template))
            {
                // A misspelt field would be sent as an empty string to every channel: an error at load instead.
                if (name.StartsWith("alert.", StringComparison.Ordinal) && !Greenlight.Alerts.AlertPayloads.FieldNames.Contains(name[6..]))
                {
                    var hint = DidYouMean.Suggest(name[6..], Greenlight.Alerts.AlertPayloads.FieldNames);
                    root.Context.Error(root.Context.At(templateNode!, offset), $"`template`: unknown field `${{{name}}}`{(hint is null ? "" : $"; did you mean `${{alert.{hint}}}`?")} (expected one of {string.Join(", ", Greenlight.Alerts.AlertPayloads.FieldNames.Select(f => "alert." + f))})");
                }
            }

            reader.RejectUnknown("an alert channel", [.. types, "timeout", "retries", "backoff", "severity", "events", "template"]);
            channels.Add(new AlertChannel
            {
                Type = type,
                Url = type == AlertChannelType.Command ? null : target,
                Run = type == AlertChannelType.Command ? target : null,
                Timeout = timeout,
                Retries = retries,
                Backoff = backoff,
                Severities = severities,
                Events = events,
                Template = template,
                Location = root.Context.At(mapping),
            });
        }

        return channels;
    }
}

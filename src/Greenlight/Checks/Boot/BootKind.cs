using Greenlight.Assertions;
using Greenlight.Spec;

namespace Greenlight.Checks.Boot;

/// <summary>
/// <c>kind: boot</c>: start the app locally (a command or the Procfile's web line) with the
/// environment production has, wait until it answers, keep its crash output. Seed 003 lost hours
/// to a start-up crash that this shows in a minute.
/// </summary>
internal sealed class BootKind : ICheckKind, IProvidesCaptures
{
    public string Name => "boot";

    public string Summary => "Starts the app locally from a command or the Procfile's web line, with a production-like environment, and waits until it answers; keeps it running for the checks that need it and stops its whole process tree afterwards.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("run", FieldSchemas.String, "The start command (a shell line); $PORT is set. Default: the Procfile's `web:` line."),
        new("procfile", FieldSchemas.String, "The Procfile to read when `run` is not given (default Procfile, beside the spec)."),
        new("process", FieldSchemas.String, "Which Procfile line (default web)."),
        new("cwd", FieldSchemas.String, "Working folder, relative to the spec (default: the Procfile's folder, or the spec's)."),
        new("env", FieldSchemas.StringMap, "Variables the app gets (may use ${…})."),
        new("env_file", FieldSchemas.String, "A .env file the app gets, e.g. .env.production."),
        new("pass_env", FieldSchemas.StringList, "Variables passed through from where greenlight runs (the real secrets)."),
        new("inherit_env", FieldSchemas.Boolean, "Give the app greenlight's whole environment (default false: only PATH, HOME, LANG and what is listed)."),
        new("port", () => FieldSchemas.Integer(1), "The port to give as $PORT (default: a free one)."),
        new("ready", FieldSchemas.String, "The path (or URL) that must answer before the app counts as up (default /)."),
        new("ready_status", FieldSchemas.StringList, "Which answers of the ready probe count as up: codes or classes such as [2xx, 3xx, 401] (default 2xx and 3xx; any other answer keeps waiting)."),
        new("stop_grace", FieldSchemas.Duration, "How long the app gets to stop after SIGTERM before SIGKILL (default 5s)."),
        new("output_lines", () => FieldSchemas.Integer(1), "How many of the app's last output lines are kept as evidence (default 40)."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("ready", ValueKind.Bool, "The app answered on the ready URL before the timeout."),
        new("status", ValueKind.Number, "Status of the ready URL's answer."),
        new("body", ValueKind.String, "Body of the ready URL's answer."),
        new("header", ValueKind.String, "A header of the ready URL's answer.", ArgumentName: "NAME"),
        new("json", null, "A JSONPath into the ready URL's answer.", ArgumentName: "PATH"),
        new("exit_code", ValueKind.Number, "The exit code, when the app has exited."),
        new("output", ValueKind.String, "The app's last output lines (stdout and stderr)."),
        new("url", ValueKind.String, "http://127.0.0.1:PORT, for the checks that need this one: ${boot.ID.url}."),
        new("port", ValueKind.Number, "The port the app was given."),
        new("duration", ValueKind.Duration, "How long the app took to answer."),
    ]);

    /// <summary>Readiness is always checked, as a finding with the app's exit code and last output line.</summary>
    public IReadOnlyList<string> DefaultExpect => [];

    public IReadOnlyList<string> ImplicitCaptures => ["url", "port"];

    public ICheck Create(YamlMapReader fields)
    {
        var context = fields.Context;
        var run = fields.Template("run");
        var procfile = fields.Text("procfile");
        var process = fields.Text("process") ?? "web";
        if (run is null)
        {
            var path = Path.GetFullPath(Path.Combine(context.Directory, procfile ?? "Procfile"));
            if (!System.IO.File.Exists(path))
            {
                context.Error(fields.Location, $"a boot check needs `run` (the start command) or a Procfile; {path} does not exist");
            }
            else
            {
                var line = System.IO.File.ReadAllLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(process + ":", StringComparison.Ordinal));
                if (line is null)
                {
                    context.Error(fields.LocationOf("process"), $"the Procfile {procfile ?? "Procfile"} has no `{process}:` line");
                }
                else
                {
                    run = line[(process.Length + 1)..].Trim();
                }
            }
        }

        var env = (fields.ScalarMap("env") ?? []).Select(e => (e.Name, context.ValidateTemplate(e.Text, e.Node, fields.CheckId))).ToList();
        var envFile = fields.Text("env_file");
        var passEnv = (fields.ScalarList("pass_env") ?? []).Select(p => p.Text).ToList();
        var readyStatus = ReadyStatus.Default;
        if (fields.ScalarList("ready_status") is { } statuses)
        {
            var ranges = new List<(int, int, string)>();
            foreach (var (text, node) in statuses)
            {
                if (ReadyStatus.ParseItem(text) is { } range)
                {
                    ranges.Add(range);
                }
                else
                {
                    context.Error(node, $"`ready_status`: `{text}` is not a status code (100-599) or a class such as 2xx");
                }
            }

            if (ranges.Count == 0 && statuses.Count == 0)
            {
                context.Error(fields.LocationOf("ready_status"), "`ready_status` is empty: list the answers that count as up, e.g. [2xx, 3xx]");
            }

            readyStatus = ranges.Count > 0 ? new ReadyStatus(ranges) : readyStatus;
        }

        var settings = new BootSettings(
            run ?? "",
            fields.Template("cwd") ?? (procfile is null ? null : Path.GetDirectoryName(procfile)),
            env,
            envFile,
            passEnv,
            fields.Boolean("inherit_env") ?? false,
            fields.Integer("port", 1, 65535),
            fields.Template("ready") ?? "/",
            fields.Duration("stop_grace") ?? TimeSpan.FromSeconds(5),
            fields.Integer("output_lines", 1, 10_000) ?? 40,
            readyStatus);
        return new BootCheck(settings);
    }
}

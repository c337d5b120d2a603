using Greenlight.Assertions;
using Greenlight.Spec;

namespace Greenlight.Checks.Command;

/// <summary><c>kind: command</c>: a process with its env, folder and timeout; assertions on its exit code and output.</summary>
internal sealed class CommandKind : ICheckKind
{
    public string Name => "command";

    public string Summary => "Runs a command (a shell line or an argv list) and asserts on its exit code, output and duration. A timeout kills its whole process tree.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("run", FieldSchemas.String, "A shell line, run with /bin/sh -c."),
        new("argv", FieldSchemas.StringList, "The program and its arguments, run without a shell."),
        new("env", FieldSchemas.StringMap, "Variables added to the command's environment."),
        new("cwd", FieldSchemas.String, "Working folder, relative to the spec's folder (default: the spec's folder)."),
        new("max_output", FieldSchemas.Size, "How much of stdout and of stderr is kept for assertions and evidence (default 1MiB)."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("exit_code", ValueKind.Number, "The exit code."),
        new("stdout", ValueKind.String, "Standard output."),
        new("stderr", ValueKind.String, "Standard error."),
        new("duration", ValueKind.Duration, "How long the command ran."),
    ]);

    public IReadOnlyList<string> DefaultExpect => ["exit_code == 0"];

    public ICheck Create(YamlMapReader fields)
    {
        var run = fields.Template("run");
        var argv = fields.ScalarList("argv")?.Select(a => fields.Context.ValidateTemplate(a.Text, a.Node, fields.CheckId)).ToList();
        if ((run is null) == (argv is null))
        {
            fields.Context.Error(fields.Location, "a command check needs exactly one of `run` (a shell line) or `argv` (a list)");
        }
        else if (argv is { Count: 0 })
        {
            fields.Context.Error(fields.LocationOf("argv"), "`argv` is empty: name the program first");
        }

        var env = (fields.ScalarMap("env") ?? []).Select(e => (e.Name, fields.Context.ValidateTemplate(e.Text, e.Node, fields.CheckId))).ToList();
        var cwd = fields.Template("cwd");
        var maxOutput = fields.Size("max_output") ?? 1024 * 1024;
        return new CommandCheck(run, argv, env, cwd, maxOutput);
    }
}

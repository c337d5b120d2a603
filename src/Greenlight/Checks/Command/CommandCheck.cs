using System.Globalization;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Processes;

namespace Greenlight.Checks.Command;

internal sealed class CommandCheck(
    string? run,
    IReadOnlyList<string>? argv,
    IReadOnlyList<(string Name, string Value)> env,
    string? cwd,
    long maxOutput) : ICheck
{
    /// <summary>How many lines of stdout and of stderr a failed check shows in its message.</summary>
    private const int FirstLineCount = 5;

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var request = new ProcessRequest
        {
            FileName = run is not null ? "/bin/sh" : context.Expand(argv![0]),
            Arguments = run is not null ? ["-c", context.Expand(run)] : [.. argv!.Skip(1).Select(context.Expand)],
            Environment = env.ToDictionary(e => e.Name, e => context.Expand(e.Value), StringComparer.Ordinal),
            WorkingDirectory = cwd is null ? context.SpecDirectory : context.ResolvePath(context.Expand(cwd)),
            MaxOutputBytes = maxOutput,
        };

        var commandLine = run is not null ? request.Arguments[1] : string.Join(' ', new[] { request.FileName }.Concat(request.Arguments).Select(Quote));
        var commandEvidence = new EvidenceItem("command", $"{commandLine}\ncwd: {request.WorkingDirectory}" +
            (request.Environment.Count > 0 ? "\nenv: " + string.Join(", ", request.Environment.Keys) : ""));
        if (!Directory.Exists(request.WorkingDirectory))
        {
            return Observation.Failed($"working folder {request.WorkingDirectory} does not exist", commandEvidence);
        }

        ProcessOutcome outcome;
        try
        {
            // Held by the run: when the check times out or the run is interrupted, the run ends only
            // after the command's whole scope is gone.
            var running = ProcessRunner.RunAsync(request, context.Time, cancellationToken);
            context.Resources.Hold(running);
            outcome = await running;
        }
        catch (ProcessStartException ex)
        {
            return Observation.Failed(ex.Message, commandEvidence);
        }

        var observation = new Observation { Subjects = new CommandSubjects(outcome), FailureDetail = FirstLines(outcome) };
        observation.Evidence.Add(commandEvidence);
        observation.Evidence.Add(new EvidenceItem("exit", $"exit code {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)} after {Units.FormatDuration(outcome.Duration.TotalMilliseconds)}\nprocesses tracked by {outcome.Scope}" +
            (outcome.Left.Count == 0 ? "; none left running" : $"; still running after SIGKILL: {string.Join(", ", outcome.Left)}")));
        observation.Evidence.Add(Output("stdout", outcome.Stdout, outcome.StdoutBytes));
        observation.Evidence.Add(Output("stderr", outcome.Stderr, outcome.StderrBytes));
        return observation;
    }

    /// <summary>The first lines of stdout and stderr, for the message of a check that did not pass.</summary>
    private static string? FirstLines(ProcessOutcome outcome)
    {
        var parts = new List<string>();
        foreach (var (name, text) in new[] { ("stdout", outcome.Stdout), ("stderr", outcome.Stderr) })
        {
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            var shown = lines.Take(FirstLineCount).Select(l => "  " + (l.Length > 200 ? l[..199] + "…" : l));
            parts.Add($"{name}:\n{string.Join('\n', shown)}{(lines.Count > FirstLineCount ? $"\n  … ({lines.Count - FirstLineCount} more lines in the evidence)" : "")}");
        }

        return parts.Count == 0 ? null : string.Join('\n', parts);
    }

    private static EvidenceItem Output(string name, string text, long totalBytes)
    {
        var item = EvidenceItem.Bounded(name, text);
        return totalBytes > Encoding.UTF8.GetByteCount(item.Content) ? item with { FullLength = totalBytes } : item;
    }

    private static string Quote(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+,".Contains(c)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed class CommandSubjects(ProcessOutcome outcome) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "exit_code" => AssertionValue.FromNumber(outcome.ExitCode),
            "stdout" => AssertionValue.FromString(outcome.Stdout),
            "stderr" => AssertionValue.FromString(outcome.Stderr),
            "duration" => AssertionValue.FromDuration(outcome.Duration),
            _ => AssertionValue.Missing,
        };
    }
}

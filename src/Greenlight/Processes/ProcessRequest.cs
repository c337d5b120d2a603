using System.Diagnostics;

namespace Greenlight.Processes;

/// <summary>A process to start: argv, environment, folder and how much output to keep.</summary>
internal sealed record ProcessRequest
{
    public required string FileName { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public bool InheritEnvironment { get; init; } = true;
    public string? WorkingDirectory { get; init; }
    public long MaxOutputBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// The start info both runners use: pipes for all three streams, the environment as asked, and
    /// <paramref name="program"/> run through <paramref name="launchers"/> (setpriv, setsid) when given.
    /// </summary>
    public ProcessStartInfo ToStartInfo(IReadOnlyList<string> launchers, string program)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? "",
            FileName = launchers.Count > 0 ? launchers[0] : program,
        };
        foreach (var argument in launchers.Skip(1).Concat(launchers.Count > 0 ? [program] : []).Concat(Arguments))
        {
            start.ArgumentList.Add(argument);
        }

        if (!InheritEnvironment)
        {
            start.Environment.Clear();
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Checks.Http;
using Greenlight.Processes;

namespace Greenlight.Checks.Boot;

internal sealed partial class BootCheck(BootSettings settings) : ICheck
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(Error|Exception|FATAL|panic|not found|No such file|cannot|Cannot|failed|Failed|missing|Missing)")]
    private static partial System.Text.RegularExpressions.Regex ErrorLine();

    private static readonly string[] BaseVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER"];

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var observing = context.Time.GetTimestamp();
        var command = context.Expand(settings.Run);
        var commandEvidence = new StringBuilder($"{command}\n");
        int port;
        if (settings.Port is int fixedPort)
        {
            if (!PortIsFree(fixedPort))
            {
                return Observation.Failed($"port {fixedPort} is already in use: stop what listens there, or leave `port` out to get a free one");
            }

            port = fixedPort;
        }
        else
        {
            port = FreePort();
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BaseVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        if (settings.EnvFile is not null)
        {
            var path = context.ResolvePath(settings.EnvFile);
            if (!System.IO.File.Exists(path))
            {
                return Observation.Failed($"env_file {settings.EnvFile} does not exist ({path})");
            }

            foreach (var (name, value) in DotNetEnv.Env.Load(path, new DotNetEnv.LoadOptions(setEnvVars: false, clobberExistingVars: true, onlyExactPath: true)))
            {
                environment[name] = value;
            }
        }

        foreach (var name in settings.PassEnvironment)
        {
            if (context.Variables.LookupEnvironment(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in settings.Environment)
        {
            environment[name] = context.Expand(value);
        }

        environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var cwd = settings.WorkingDirectory is null ? context.SpecDirectory : context.ResolvePath(context.Expand(settings.WorkingDirectory));
        commandEvidence.Append($"cwd: {cwd}\nPORT={port}\nenv: {string.Join(", ", environment.Keys.Where(k => !BaseVariables.Contains(k)).Order(StringComparer.Ordinal))}");
        if (!Directory.Exists(cwd))
        {
            return Observation.Failed($"working folder {cwd} does not exist", new EvidenceItem("command", commandEvidence.ToString()));
        }

        // The supervisor leads the app's session, group and cgroup: if greenlight dies (even by
        // SIGKILL) it kills all of them, grandchildren and daemons included. A normal stop sends
        // SIGTERM to all of them, so the app itself can shut down gracefully.
        BackgroundProcess app;
        try
        {
            app = BackgroundProcess.Start(new ProcessRequest
            {
                FileName = "/bin/sh",
                Arguments = ["-c", command],
                Environment = environment,
                InheritEnvironment = settings.InheritEnvironment,
                WorkingDirectory = cwd,
            }, settings.StopGrace, context.Time);
        }
        catch (ProcessStartException ex)
        {
            return Observation.Failed(ex.Message, new EvidenceItem("command", commandEvidence.ToString()));
        }

        var url = $"http://127.0.0.1:{port}";
        var readyUrl = settings.Ready.StartsWith("http", StringComparison.Ordinal) ? context.Expand(settings.Ready) : url + "/" + context.Expand(settings.Ready).TrimStart('/');
        var began = context.Time.GetTimestamp();

        // Leave the engine's timeout a margin, so a slow app is a failure with its output, not a bare "timed out".
        // A fifth, at least 1s where the timeout allows: stopping an app on a busy machine takes hundreds of ms.
        var total = context.Check.Timeout.TotalMilliseconds;
        var margin = TimeSpan.FromMilliseconds(Math.Clamp(total / 5, Math.Min(1000, total / 2), 2000));
        // Counted from the start of the attempt, as the engine's timeout is: starting the app took some of it.
        var left = context.Check.Timeout - margin - context.Time.GetElapsedTime(observing);
        using var limit = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), context.Time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        ReadyAnswer? answer = null;
        var probe = new ProbeState();
        try
        {
            answer = await WaitUntilReadyAsync(app, readyUrl, context, probe, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Never answered in time: reported below as not ready.
        }
        catch (OperationCanceledException)
        {
            await app.KillAsync();
            throw;
        }

        var elapsed = context.Time.GetElapsedTime(began);
        var exited = app.Exited.IsCompleted;

        // Read before stopping: what the shell prints about the kill is not the app's output.
        var output = app.Output.Last(settings.OutputLines);
        if (answer is null)
        {
            await app.KillAsync();
        }

        var subjects = new BootSubjects(answer ?? probe.Last, answer is not null, exited ? app.Exited.Result : null, output, url, port, elapsed);
        var observation = new Observation { Subjects = subjects, Resource = answer is null ? null : new BootedApp(app, context.Check.Id, context.Time) };
        // Buffered stdout can arrive after the traceback on stderr: prefer the last line that reads like the error.
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var lastLine = lines.LastOrDefault(l => ErrorLine().IsMatch(l)) ?? lines.LastOrDefault();
        var within = Units.FormatDuration((context.Check.Timeout - margin).TotalMilliseconds);
        var lastAnswer = probe.Last is { } l ? $"{settings.Ready} last answered {l.Status}{(l.Reason is null ? "" : " " + l.Reason)}{Snippet(l.Response.Text)}, which is not {settings.ReadyStatus.Describe()}" : null;
        var why = exited ? $"the app exited with code {app.Exited.Result} before {(lastAnswer is null ? "answering" : "it was ready")}{(lastAnswer is null ? "" : $" ({lastAnswer})")}{(lastLine is null ? "" : $": {lastLine}")}"
            : lastAnswer is not null ? $"the app did not become ready within {within}: {lastAnswer}{(lastLine is null ? "" : $"; its last output: {lastLine}")}"
            : $"the app did not answer within {within}{(lastLine is null ? "" : $"; its last output: {lastLine}")}";
        observation.Findings.Add(new AssertionResult($"the app answers on {settings.Ready}", answer is not null,
            answer is not null ? $"status {answer.Status}" : exited ? $"exited with code {app.Exited.Result}" : probe.Last is { } p ? $"status {p.Status}" : "no answer",
            $"an answer with status {settings.ReadyStatus.Describe()}", answer is null ? why : null));
        observation.Evidence.Add(new EvidenceItem("command", commandEvidence.ToString()));
        var state = answer is not null ? $"answered {answer.Status} on {readyUrl} after {Units.FormatDuration(elapsed.TotalMilliseconds)}"
            : exited ? $"exited with code {app.Exited.Result} before being ready on {readyUrl}"
            : $"was not ready on {readyUrl} within {within}";
        if (probe.Count > 0)
        {
            state += $"\n{probe.Count} probe{(probe.Count == 1 ? "" : "s")} answered; ready means {settings.ReadyStatus.Describe()}" +
                (probe.Last is { } seen ? $"; the last non-ready answer: {seen.Status}{(seen.Reason is null ? "" : " " + seen.Reason)}{Snippet(seen.Response.Text)}" : "");
        }

        state += $"\nprocesses tracked by {app.Scope}";
        observation.Evidence.Add(new EvidenceItem("boot", state));
        observation.Evidence.Add(EvidenceItem.Bounded("output", output.Length == 0 ? "(no output)" : output) with { FullLength = app.Output.Bytes > output.Length ? app.Output.Bytes : null });
        return observation;
    }

    private static string Snippet(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? "" : $" (\"{(line.Length > 80 ? line[..79] + "…" : line)}\")";
    }

    private async Task<ReadyAnswer?> WaitUntilReadyAsync(BackgroundProcess app, string readyUrl, CheckRunContext context, ProbeState probe, CancellationToken cancellationToken)
    {
        var client = context.Http.Get(followRedirects: true, verifyTls: true);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (app.Exited.IsCompleted)
            {
                // Read the crash output to its end: the last line is usually the reason.
                await app.DrainedAsync(TimeSpan.FromSeconds(2));
                return null;
            }

            try
            {
                using var slow = new CancellationTokenSource(TimeSpan.FromSeconds(2), context.Time);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, slow.Token);
                using var response = await client.GetAsync(readyUrl, attempt.Token);
                var body = await response.Content.ReadAsStringAsync(attempt.Token);
                var answer = new ReadyAnswer((int)response.StatusCode, response.ReasonPhrase, new ResponseBody(body.Length > 1_000_000 ? body[..1_000_000] : body,
                    [.. response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))]));
                probe.Count++;
                if (settings.ReadyStatus.Accepts(answer.Status))
                {
                    return answer;
                }

                // Answering is not being ready: a 503 from /health keeps a platform from sending traffic.
                probe.Last = answer;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow attempt; try again.
            }

            await Task.WhenAny(app.Exited, Task.Delay(TimeSpan.FromMilliseconds(200), context.Time, cancellationToken));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private sealed record ReadyAnswer(int Status, string? Reason, ResponseBody Response);

    /// <summary>What the ready probe saw while waiting: how many answers, and the last one that was not ready.</summary>
    private sealed class ProbeState
    {
        public int Count { get; set; }
        public ReadyAnswer? Last { get; set; }
    }

    /// <summary>Subjects of a boot; <c>answer</c> is the ready answer, or the last non-ready one when not ready.</summary>
    private sealed class BootSubjects(ReadyAnswer? answer, bool ready, int? exitCode, string output, string url, int port, TimeSpan elapsed) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject)
        {
            var notReady = AssertionValue.MissingBecause(exitCode is int code ? $"the app exited with code {code}" : "the app did not answer");
            return subject.Root switch
            {
                "ready" => AssertionValue.FromBool(ready),
                "status" => answer is null ? notReady : AssertionValue.FromNumber(answer.Status),
                "body" => answer is null ? notReady : AssertionValue.FromString(answer.Response.Text),
                "header" => answer is null ? notReady : answer.Response.Header(subject.Argument!),
                "json" => answer is null ? notReady : answer.Response.Json(subject.Argument),
                "exit_code" => exitCode is int c ? AssertionValue.FromNumber(c) : AssertionValue.MissingBecause("the app is still running"),
                "output" => AssertionValue.FromString(output),
                "url" => AssertionValue.FromString(url),
                "port" => AssertionValue.FromNumber(port),
                "duration" => AssertionValue.FromDuration(elapsed),
                _ => AssertionValue.Missing,
            };
        }
    }
}

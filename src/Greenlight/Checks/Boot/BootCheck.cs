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

        // A one-line supervisor leads the app's process group: if greenlight dies (even by SIGKILL)
        // it gets SIGHUP and kills the whole group, grandchildren included. A normal stop sends
        // SIGTERM to the group, so the app itself can shut down gracefully.
        BackgroundProcess app;
        try
        {
            app = BackgroundProcess.Start(new ProcessRequest
            {
                FileName = "/bin/sh",
                Arguments = ["-c", "trap 'kill -KILL -$$' HUP; /bin/sh -c \"$1\" & wait $!", "greenlight-boot", command],
                Environment = environment,
                InheritEnvironment = settings.InheritEnvironment,
                WorkingDirectory = cwd,
            }, settings.StopGrace, parentDeathSignal: "HUP");
        }
        catch (ProcessStartException ex)
        {
            return Observation.Failed(ex.Message, new EvidenceItem("command", commandEvidence.ToString()));
        }

        var url = $"http://127.0.0.1:{port}";
        var readyUrl = settings.Ready.StartsWith("http", StringComparison.Ordinal) ? context.Expand(settings.Ready) : url + "/" + context.Expand(settings.Ready).TrimStart('/');
        var began = context.Time.GetTimestamp();

        // Leave the engine's timeout a margin, so a slow app is a failure with its output, not a bare "timed out".
        var margin = TimeSpan.FromMilliseconds(Math.Min(2000, context.Check.Timeout.TotalMilliseconds / 10));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(context.Check.Timeout - margin);
        ReadyAnswer? answer = null;
        try
        {
            answer = await WaitUntilReadyAsync(app, readyUrl, context, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Never answered in time: reported below as not ready.
        }
        catch (OperationCanceledException)
        {
            await app.StopAsync();
            throw;
        }

        var elapsed = context.Time.GetElapsedTime(began);
        var exited = app.Exited.IsCompleted;
        if (answer is null)
        {
            await app.StopAsync();
        }

        var output = app.Output.Last(settings.OutputLines);
        var subjects = new BootSubjects(answer, exited ? app.Exited.Result : null, output, url, port, elapsed);
        var observation = new Observation { Subjects = subjects, KeepAlive = answer is null ? null : app };
        // Buffered stdout can arrive after the traceback on stderr: prefer the last line that reads like the error.
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var lastLine = lines.LastOrDefault(l => ErrorLine().IsMatch(l)) ?? lines.LastOrDefault();
        var why = exited ? $"the app exited with code {app.Exited.Result} before answering{(lastLine is null ? "" : $": {lastLine}")}"
            : $"the app did not answer within {Units.FormatDuration((context.Check.Timeout - margin).TotalMilliseconds)}{(lastLine is null ? "" : $"; its last output: {lastLine}")}";
        observation.Findings.Add(new AssertionResult($"the app answers on {settings.Ready}", answer is not null,
            answer is null ? (exited ? $"exited with code {app.Exited.Result}" : "no answer") : $"status {answer.Status}", "an answer", answer is null ? why : null));
        observation.Evidence.Add(new EvidenceItem("command", commandEvidence.ToString()));
        var state = answer is not null ? $"answered {answer.Status} on {readyUrl} after {Units.FormatDuration(elapsed.TotalMilliseconds)}"
            : exited ? $"exited with code {app.Exited.Result} before answering on {readyUrl}"
            : $"did not answer on {readyUrl} within {Units.FormatDuration((context.Check.Timeout - margin).TotalMilliseconds)}";
        observation.Evidence.Add(new EvidenceItem("boot", state));
        observation.Evidence.Add(EvidenceItem.Bounded("output", output.Length == 0 ? "(no output)" : output) with { FullLength = app.Output.Bytes > output.Length ? app.Output.Bytes : null });
        return observation;
    }

    private static async Task<ReadyAnswer?> WaitUntilReadyAsync(BackgroundProcess app, string readyUrl, CheckRunContext context, CancellationToken cancellationToken)
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
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await client.GetAsync(readyUrl, attempt.Token);
                var body = await response.Content.ReadAsStringAsync(attempt.Token);
                return new ReadyAnswer((int)response.StatusCode, new ResponseBody(body.Length > 1_000_000 ? body[..1_000_000] : body,
                    [.. response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))]));
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow attempt; try again.
            }

            await Task.WhenAny(app.Exited, Task.Delay(200, cancellationToken));
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

    private sealed record ReadyAnswer(int Status, ResponseBody Response);

    private sealed class BootSubjects(ReadyAnswer? answer, int? exitCode, string output, string url, int port, TimeSpan elapsed) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject)
        {
            var notReady = AssertionValue.MissingBecause(exitCode is int code ? $"the app exited with code {code}" : "the app did not answer");
            return subject.Root switch
            {
                "ready" => AssertionValue.FromBool(answer is not null),
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

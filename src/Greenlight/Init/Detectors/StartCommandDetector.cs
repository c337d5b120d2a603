using System.Text.Json;
using System.Text.RegularExpressions;

namespace Greenlight.Init.Detectors;

/// <summary>
/// How the app starts — the Procfile's web line, else <c>npm start</c>, a FastAPI or Flask module, or
/// <c>dotnet run</c> — becomes a <c>boot</c> check: start it locally with a production-like environment
/// and wait for it to answer, which is how seed 003's missing dependency would have shown in a minute.
/// </summary>
internal sealed partial class StartCommandDetector : IRepositoryDetector
{
    public void Detect(InitDraft draft)
    {
        var (run, why) = StartCommand(draft.Files);
        if (why is null)
        {
            return;
        }

        var check = draft.Add("app.boots", "boot", "the app starts locally and answers", why, "API");
        check.Severity = "critical";
        if (run is not null)
        {
            check.Set("run", run);
        }

        var ready = draft.Routes.Select(r => r.Split(' ', 2)[1]).FirstOrDefault(p => HealthPath().IsMatch(p))
            ?? draft.Routes.Where(r => r.StartsWith("GET ", StringComparison.Ordinal) && !r.Contains('{', StringComparison.Ordinal) && !r.Contains(':', StringComparison.Ordinal)).Select(r => r[4..]).FirstOrDefault()
            ?? "/";
        check.Set("ready", ready);
        var passed = draft.RequiredEnv.Keys.Concat(draft.OptionalEnv.Keys).ToList();
        if (passed.Count > 0)
        {
            check.Set("pass_env", passed);
        }

        check.Set("timeout", new Greenlight.Import.YamlRaw("60s"));
        check.Fix = "Start it locally with the production variables and read the crash in this check's evidence.";
        draft.Boot = check;
    }

    private static (string? Run, string? Why) StartCommand(RepositoryFiles files)
    {
        if (files.Text("Procfile") is { } procfile && WebLine().Match(procfile) is { Success: true } web)
        {
            return (null, $"Procfile: `{web.Groups["command"].Value.Trim()}` is how the platform starts the app");
        }

        if (files.Text("package.json") is { } package)
        {
            try
            {
                using var json = JsonDocument.Parse(package);
                if (json.RootElement.TryGetProperty("scripts", out var scripts) && scripts.TryGetProperty("start", out var start))
                {
                    return ("npm start", $"package.json: `npm start` runs `{start.GetString()}`; $PORT is set");
                }
            }
            catch (JsonException)
            {
            }
        }

        foreach (var file in files.WithExtension(".py").Where(f => !f.Contains("test", StringComparison.OrdinalIgnoreCase)))
        {
            var text = files.Text(file) ?? "";
            var module = file[..^3].Replace('/', '.');
            if (FastApiApp().Match(text) is { Success: true } fastapi)
            {
                return ($"python3 -m uvicorn {module}:{fastapi.Groups["name"].Value} --host 127.0.0.1 --port $PORT", $"{file} creates a FastAPI app");
            }

            if (FlaskApp().Match(text) is { Success: true } flask)
            {
                return ($"python3 -m flask --app {module}:{flask.Groups["name"].Value} run --host 127.0.0.1 --port $PORT", $"{file} creates a Flask app");
            }
        }

        var project = files.WithExtension(".csproj").FirstOrDefault(p => (files.Text(p) ?? "").Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal));
        return project is null ? (null, null) : ($"dotnet run --project {project} --urls http://127.0.0.1:$PORT", $"{project} is an ASP.NET Core app");
    }

    [GeneratedRegex(@"^web:\s*(?<command>.+)$", RegexOptions.Multiline)]
    private static partial Regex WebLine();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*FastAPI\(", RegexOptions.Multiline)]
    private static partial Regex FastApiApp();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*Flask\(", RegexOptions.Multiline)]
    private static partial Regex FlaskApp();

    [GeneratedRegex(@"^/(api/)?(health|healthz|ready|readyz|status|ping)$")]
    private static partial Regex HealthPath();
}
